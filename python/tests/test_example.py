"""The conversion example runs end to end on its demo inputs."""

import importlib.util
from pathlib import Path

import vrsx

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "python" / "frames_and_imu_to_vrs.py"


def test_frames_and_imu_example(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("example", EXAMPLE)
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    assert example.main(["--demo", str(tmp_path)]) == 0
    reader = vrsx.SyncVRSReader(str(tmp_path / "demo.vrs"))
    frames = reader.filtered_by_fields(stream_ids="214-*", record_types="data")
    assert len(frames) == 30
    png = (tmp_path / "frames").glob("*.png")
    assert bytes(frames[0].image_blocks[0]) == sorted(png)[0].read_bytes()
    imu = reader.filtered_by_fields(stream_ids="372-*")
    assert len(imu) == 1000
    assert imu[1].metadata_blocks[0]["gyro"] == (0.0010000000474974513, 0.0, 0.0)
    assert "1031 records" in capsys.readouterr().out
