"""Recordings read over HTTP (and s3:// through an endpoint) from Debian's nginx on a loopback
port, serving the golden files: every record equal to the local read; bad URLs raise clearly."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
import pytest

import vrsx
from conftest import GOLDEN, golden_available

NGINX = "/usr/sbin/nginx"
FILES = GOLDEN / "files"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return True
        except OSError:
            time.sleep(0.05)
    return False


@pytest.fixture(scope="module")
def server():
    """(base URL, scratch folder served at /scratch/): nginx with range support, stopped after."""
    if not os.access(NGINX, os.X_OK):
        pytest.skip("nginx is absent (/usr/sbin/nginx)")
    if not golden_available():
        pytest.skip("../shared/golden is absent")
    folder = Path(tempfile.mkdtemp(prefix="vrsx-py-nginx-"))
    scratch = folder / "scratch"
    scratch.mkdir()
    port = free_port()
    temps = "".join(f"  {t}_temp_path {folder}/{t};\n"
                    for t in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (folder / "nginx.conf").write_text(
        f"daemon off;\nmaster_process off;\nworker_processes 1;\npid {folder}/nginx.pid;\n"
        f"error_log {folder}/error.log;\nevents {{ worker_connections 256; }}\n"
        f"http {{\n  access_log off;\n  default_type application/octet-stream;\n{temps}"
        f"  server {{\n    listen 127.0.0.1:{port};\n"
        f"    location /golden/ {{ alias {FILES}/; }}\n"
        f"    location /scratch/ {{ alias {scratch}/; }}\n"
        f"    location /forbidden/ {{ return 403; }}\n  }}\n}}\n")
    process = subprocess.Popen([NGINX, "-p", str(folder), "-e", f"{folder}/error.log",
                                "-c", f"{folder}/nginx.conf"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not wait_for_port(port, 10):
            pytest.skip("nginx did not start: " + (folder / "error.log").read_text())
        yield f"http://127.0.0.1:{port}", scratch
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(folder, ignore_errors=True)


def golden_files():
    if not golden_available():
        return []
    return sorted(p.name for p in FILES.glob("*.vrs"))


def same(a, b) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.array_equal(np.asarray(a), np.asarray(b))
    return a == b


def assert_same_records(remote, local):
    assert len(remote) == len(local)
    for r, l in zip(remote, local):
        assert (r.stream_id, r.record_type, r.timestamp, r.format_version) == \
            (l.stream_id, l.record_type, l.timestamp, l.format_version)
        assert r.metadata_blocks == l.metadata_blocks
        assert r.image_specs == l.image_specs and r.audio_specs == l.audio_specs
        for name in ("image_blocks", "audio_blocks", "custom_blocks"):
            assert len(getattr(r, name)) == len(getattr(l, name))
            assert all(same(x, y) for x, y in zip(getattr(r, name), getattr(l, name))), name


@pytest.mark.parametrize("name", golden_files())
def test_golden_file_over_http_equals_local(server, name):
    base, _ = server
    url = f"{base}/golden/{name}"
    local = str(FILES / name)
    assert vrsx.records_checksum(url) == vrsx.records_checksum(local)
    assert vrsx.verbatim_checksum(url) == vrsx.verbatim_checksum(local)
    remote_reader, local_reader = vrsx.SyncVRSReader(url), vrsx.SyncVRSReader(local)
    assert remote_reader.stream_ids == local_reader.stream_ids
    assert remote_reader.file_tags == local_reader.file_tags
    for reader in (remote_reader, local_reader):
        reader.set_image_conversion("normalize")
    assert_same_records(remote_reader, local_reader)


def test_chunk_list_of_urls(server):
    base, _ = server
    chunks = [f"{base}/golden/chunks.vrs", f"{base}/golden/chunks.vrs_1",
              f"{base}/golden/chunks.vrs_2"]
    local = str(FILES / "chunks.vrs")
    assert vrsx.records_checksum(chunks) == vrsx.records_checksum(local)
    assert_same_records(vrsx.SyncVRSReader(chunks), vrsx.SyncVRSReader(local))
    # Chunks found beside the first one, as for a local path.
    assert len(vrsx.SyncVRSReader(chunks[0])) == len(vrsx.SyncVRSReader(local))


def test_multireader_of_urls(server):
    base, _ = server
    names = ["sample_file.vrs", "gen-none.vrs"]
    remote = vrsx.MultiReader([f"{base}/golden/{n}" for n in names])
    local = vrsx.MultiReader([str(FILES / n) for n in names])
    assert_same_records(remote, local)


def test_s3_url_through_an_endpoint(server, monkeypatch):
    base, _ = server
    monkeypatch.setenv("VRSX_S3_ENDPOINT", base)
    local = str(FILES / "sample_file.vrs")
    assert vrsx.records_checksum("s3://golden/sample_file.vrs") == vrsx.records_checksum(local)
    assert len(vrsx.SyncVRSReader("s3://golden/sample_file.vrs")) == len(
        vrsx.SyncVRSReader(local))


def test_written_file_read_back_over_http(server):
    base, scratch = server
    path = scratch / "written.vrs"
    with vrsx.Writer(str(path)) as writer:
        imu = writer.add_stream(372, flavor="test/imu", records={"data": [{"accel": "point3df"}]})
        for i in range(100):
            writer.add_record(imu, "data", i * 0.01, [{"accel": (i, 2 * i, 3 * i)}])
    remote = vrsx.SyncVRSReader(f"{base}/scratch/written.vrs")
    assert [r.metadata_blocks[0]["accel"] for r in remote[::33]] == \
        [(0.0, 0.0, 0.0), (33.0, 66.0, 99.0), (66.0, 132.0, 198.0), (99.0, 198.0, 297.0)]


def test_bad_urls_raise_clear_errors(server):
    base, _ = server
    missing = f"{base}/golden/no_such_file.vrs"
    with pytest.raises(FileNotFoundError, match="no_such_file.vrs"):
        vrsx.SyncVRSReader(missing)
    with pytest.raises(FileNotFoundError, match="404"):
        vrsx.records_checksum(missing)
    with pytest.raises(OSError, match="403"):
        vrsx.SyncVRSReader(f"{base}/forbidden/sample_file.vrs")
    with pytest.raises(OSError):
        vrsx.SyncVRSReader(f"http://127.0.0.1:{free_port()}/nothing.vrs")
