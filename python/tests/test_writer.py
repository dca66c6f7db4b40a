"""Writing from Python, then reading back: every element type and block kind, several threads,
and the files pass `vrsx check`."""

import subprocess
import threading

import numpy as np
import pytest

import vrsx
from plain_values import plain

SCALARS = {
    "bool": True, "char": -5, "int8": -100, "uint8": 200, "int16": -30000, "uint16": 60000,
    "int32": -2_000_000_000, "uint32": 4_000_000_000, "int64": -(2 ** 62), "uint64": 2 ** 63 + 5,
    "float": 1.5, "double": 3.141592653589793,
}
POINTS = {
    "point2dd": (1.25, -2.5), "point2df": (0.5, 4.0), "point2di": (-3, 7),
    "point3dd": (1.0, 2.0, 3.0), "point3df": (-1.5, 0.25, 8.0), "point3di": (1, -2, 3),
    "point4dd": (1.0, 2.0, 3.0, 4.0), "point4df": (0.5, 1.5, 2.5, 3.5), "point4di": (4, 3, 2, 1),
}
MATRICES = {
    f"matrix{n}d{k}": tuple(tuple((float if k != "i" else int)(r * n + c) for c in range(n))
                            for r in range(n))
    for n in (2, 3, 4) for k in ("d", "f", "i")
}
ALL_TYPES = {**SCALARS, **POINTS, **MATRICES}


def layout_and_values():
    layout, values = {}, {}
    for name, value in ALL_TYPES.items():
        layout[f"v_{name}"] = name
        values[f"v_{name}"] = value
        layout[f"vec_{name}"] = f"vector<{name}>"
        values[f"vec_{name}"] = [value, value]
        layout[f"arr_{name}"] = f"array<{name}, 3>"
        values[f"arr_{name}"] = [value] * 3
        layout[f"map_{name}"] = f"map<{name}>"
        values[f"map_{name}"] = {"a": value, "b": value}
    layout["text"] = "string"
    values["text"] = "héllo"
    layout["names"] = "vector<string>"
    values["names"] = ["a", "", "ccc"]
    layout["labels"] = "map<string>"
    values["labels"] = {"x": "1", "y": "two"}
    layout["legacy"] = "DataPieceValue<uint32_t>"
    values["legacy"] = 7
    return layout, values


def test_every_element_type_round_trips(tmp_path):
    layout, values = layout_and_values()
    path = tmp_path / "types.vrs"
    with vrsx.Writer(str(path), compression="zlight") as writer:
        stream = writer.add_stream(100, records={"data": [layout]})
        writer.add_record(stream, "data", 1.0, [values])
        writer.add_record(stream, "data", 2.0, [{"v_uint32": 9}])  # others zero/empty
    reader = vrsx.SyncVRSReader(path)
    assert len(reader) == 2
    first, second = reader[0].metadata_blocks[0], reader[1].metadata_blocks[0]
    # Fixed-size fields come first in a DataLayout, then the variable-size ones, each in order.
    assert sorted(first.keys()) == sorted(layout.keys())
    for key, value in values.items():
        assert plain(first[key]) == plain(value), key
    assert second["v_uint32"] == 9 and second["v_int64"] == 0
    assert second["vec_float"] == [] and second["text"] == "" and second["map_point3df"] == {}
    assert second["arr_int16"] == [0, 0, 0]


def test_every_block_kind_round_trips(tmp_path):
    path = tmp_path / "blocks.vrs"
    frame = (np.arange(48 * 64, dtype=np.uint32) % 251).astype(np.uint8).reshape(48, 64)
    rgb = np.random.default_rng(1).integers(0, 255, (12, 16, 3), dtype=np.uint8)
    depth = np.linspace(0, 1, 12 * 16, dtype=np.float32).reshape(12, 16)
    samples = (np.arange(512, dtype=np.int16) - 256).reshape(256, 2)
    png_bytes = b"\x89PNG\r\n\x1a\n not really a png"
    with vrsx.Writer(str(path)) as writer:
        camera = writer.add_stream(1201, flavor="test/cam", tags={"position": "left"}, records={
            "configuration": [{"image_width": "uint32", "image_height": "uint32",
                               "image_pixel_format": "uint32"}],
            "data": [{"exposure": "float"}, "image/raw"],
        })
        color = writer.add_stream(1201, flavor="test/color", records={
            "data": ["image/raw/16x12/pixel=rgb8", "image/raw/16x12/pixel=depth32f"],
            "data:2": ["image/png"],
        })
        mic = writer.add_stream(1202, records={
            "data": [{"gain": "double"}, "audio/pcm/int16le/channels=2/rate=48000/samples=256"]})
        blob = writer.add_stream(1203, records={"data": ["custom"]})
        writer.add_record(camera, "configuration", 0.0,
                          [{"image_width": 64, "image_height": 48, "image_pixel_format": 1}])
        writer.add_record(camera, "data", 0.1, [{"exposure": 2.5}, frame])
        writer.add_record(color, "data", 0.2, [rgb, depth])
        writer.add_record(color, "data", 0.3, [png_bytes], format_version=2)
        writer.add_record(mic, "data", 0.4, [{"gain": 0.75}, samples])
        writer.add_record(blob, "data", 0.5, [b"\x00\x01\x02"])
        writer.add_record(blob, "state", 0.6, b"opaque state")  # no declared format: opaque
        stats = writer.stats()
    assert stats["records_queued"] == 7
    reader = vrsx.SyncVRSReader(path)
    assert reader.stream_ids == {camera, color, mic, blob}
    assert reader.stream_tags[camera] == {"position": "left"}
    assert reader.get_stream_info(color)["flavor"] == "test/color"
    cam = reader.read_record_by_time(camera, 0.1, record_type="data")
    assert cam.metadata_blocks == [{"exposure": 2.5}]
    assert np.array_equal(cam.image_blocks[0], frame)
    assert cam.image_specs[0]["width"] == 64 and cam.image_specs[0]["pixel_format"] == "grey8"
    both = reader.read_record_by_time(color, 0.2)
    assert np.array_equal(both.image_blocks[0], rgb)
    assert np.array_equal(both.image_blocks[1], depth)
    png = reader.read_record_by_time(color, 0.3)
    assert png.format_version == 2 and png.image_blocks[0] == png_bytes
    assert png.image_specs[0]["image_format"] == "png"
    sound = reader.read_record_by_time(mic, 0.4)
    assert sound.metadata_blocks[0]["gain"] == 0.75
    assert np.array_equal(sound.audio_blocks[0], samples)
    assert sound.audio_specs[0]["sample_rate"] == 48000
    assert bytes(reader.read_record_by_time(blob, 0.5).custom_blocks[0]) == b"\x00\x01\x02"
    state = reader.read_record_by_time(blob, 0.6)
    assert state.record_type == "state" and bytes(state.custom_blocks[0]) == b"opaque state"


def test_records_from_several_threads(tmp_path):
    path = tmp_path / "threads.vrs"
    per_thread, threads = 500, 4
    with vrsx.Writer(str(path), compression="fast", max_queued_bytes=1 << 20) as writer:
        streams = [writer.add_stream(300, flavor=f"imu/{k}",
                                     records={"data": [{"i": "uint32", "accel": "point3df"}]})
                   for k in range(threads)]

        def produce(k):
            for i in range(per_thread):
                writer.add_record(streams[k], "data", i * 0.001 + k * 1e-5,
                                  [{"i": i, "accel": (k, i, 0.5)}])

        workers = [threading.Thread(target=produce, args=(k,)) for k in range(threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
    reader = vrsx.SyncVRSReader(path)
    assert len(reader) == per_thread * threads
    for k, stream in enumerate(streams):
        records = reader.filtered_by_fields(stream_ids=stream)
        assert [r.metadata_blocks[0]["i"] for r in records] == list(range(per_thread))
        assert records[7].metadata_blocks[0]["accel"] == (float(k), 7.0, 0.5)


def test_chunked_output(tmp_path):
    path = tmp_path / "chunked.vrs"
    with vrsx.Writer(str(path), compression="none", max_chunk_size=50_000) as writer:
        stream = writer.add_stream(1201, records={"data": ["image/raw/100x100/pixel=grey8"]})
        for i in range(10):
            writer.add_record(stream, "data", float(i), [np.full((100, 100), i, np.uint8)])
    assert len(writer.chunk_paths) > 1
    reader = vrsx.SyncVRSReader(path)
    assert [int(r.image_blocks[0][0, 0]) for r in reader] == list(range(10))


def test_written_file_passes_vrsx_check(tmp_path, vrsx_cli):
    path = tmp_path / "checked.vrs"
    with vrsx.Writer(str(path), compression="zlight", file_tags={"purpose": "test"}) as writer:
        stream = writer.add_stream(214, flavor="rig/rgb", records={
            "data": [{"exposure": "float", "names": "vector<string>"}, "image/raw/32x24/pixel=grey8"]})
        for i in range(20):
            writer.add_record(stream, "data", i / 30, [{"exposure": i / 4, "names": ["a"] * i},
                                                      np.full((24, 32), i, np.uint8)])
    check = subprocess.run([vrsx_cli, "check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Checked 20 records" in check.stdout and "no errors" in check.stdout
    cli_sum = subprocess.run([vrsx_cli, "checksum", str(path)], capture_output=True, text=True)
    assert cli_sum.returncode == 0
    assert cli_sum.stdout.strip() == vrsx.records_checksum(str(path))
    # The records checksum ignores compression: a recompressed copy keeps it.
    copy = tmp_path / "copy.vrs"
    subprocess.run([vrsx_cli, "copy", str(path), "--to", str(copy), "--compression=none", "--no-progress"],
                   check=True, capture_output=True)
    assert vrsx.records_checksum(str(copy)) == vrsx.records_checksum(str(path))
    assert vrsx.verbatim_checksum(str(copy)) != vrsx.verbatim_checksum(str(path))


def test_writer_errors(tmp_path):
    with pytest.raises(ValueError, match="compression"):
        vrsx.Writer(str(tmp_path / "x.vrs"), compression="gzip")
    writer = vrsx.Writer(str(tmp_path / "x.vrs"))
    with pytest.raises(ValueError, match="unknown field type"):
        writer.add_stream(100, records={"data": [{"x": "float128"}]})
    with pytest.raises(ValueError, match="record type"):
        writer.add_stream(100, records={"tags": [{"x": "float"}]})
    with pytest.raises(ValueError):  # Recordable Class ids need a flavor: the library says so
        writer.add_stream(214)
    stream = writer.add_stream(100, records={"data": [{"x": "float", "v": "vector<int32>"}]})
    with pytest.raises(KeyError, match="no field 'y'"):
        writer.add_record(stream, "data", 0.0, [{"y": 1.0}])
    with pytest.raises(TypeError):
        writer.add_record(stream, "data", 0.0, [{"x": "text"}])
    with pytest.raises(TypeError):
        writer.add_record(stream, "data", 0.0, [{"v": 5}])
    with pytest.raises(ValueError, match="out of range"):
        writer.add_record(stream, "data", 0.0, [{"v": [2 ** 40]}])
    with pytest.raises(ValueError, match="blocks"):
        writer.add_record(stream, "data", 0.0, [{"x": 1.0}, b"extra"])
    with pytest.raises(ValueError):
        writer.add_record("999-1", "data", 0.0, b"")
    with pytest.raises(ValueError, match="NaN|time"):
        writer.add_record(stream, "data", float("nan"), [{"x": 1.0}])
    writer.close()
    with pytest.raises(ValueError):
        writer.add_record(stream, "data", 1.0, [{"x": 1.0}])
    with pytest.raises(FileNotFoundError):
        with vrsx.Writer(str(tmp_path / "no" / "such" / "dir.vrs")) as w:
            s = w.add_stream(100, records={"data": [{"x": "float"}]})
            w.add_record(s, "data", 0.0, [{"x": 1.0}])
