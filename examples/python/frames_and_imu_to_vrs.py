#!/usr/bin/python3
"""Converts a folder of PNG/JPEG frames and a CSV of IMU samples into one VRS file, then reads it
back.

    /usr/bin/python3 examples/python/frames_and_imu_to_vrs.py FRAMES_DIR imu.csv out.vrs
    /usr/bin/python3 examples/python/frames_and_imu_to_vrs.py --demo /tmp/demo   # makes inputs

Frames are stored as they are (image/png or image/jpg blocks: no re-encoding), timestamped from
their file names (`<seconds>.png`, else 30 fps); each IMU line `t,ax,ay,az,gx,gy,gz` becomes one
data record with `accel` and `gyro` as point3df.
"""

import argparse
import csv
import struct
import sys
import zlib
from pathlib import Path

import vrsx

CAMERA_TYPE = 214  # "RGB Camera Class": a Recordable Class id, so it needs a flavor
IMU_TYPE = 372     # "Motion Data Class"


def image_size(data: bytes):
    """(width, height) of a PNG or JPEG, read from its header."""
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return struct.unpack(">II", data[16:24])
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(data):
            marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", data[i + 5:i + 9])
                return width, height
            i += 2 + length
    raise ValueError("not a PNG or JPEG file")


def frame_time(path: Path, index: int) -> float:
    try:
        return float(path.stem)
    except ValueError:
        return index / 30.0


def convert(frames_dir: Path, imu_csv: Path, output: Path) -> None:
    frames = sorted(p for p in frames_dir.iterdir() if p.suffix.lower() in (".png", ".jpg", ".jpeg"))
    with vrsx.Writer(str(output), compression="zlight",
                     file_tags={"source": str(frames_dir)}) as writer:
        camera = writer.add_stream(CAMERA_TYPE, flavor="example/camera", records={
            "configuration": [{"image_width": "uint32", "image_height": "uint32"}],
            "data": [{"frame_index": "uint64"}, "image/png"],
            "data:2": [{"frame_index": "uint64"}, "image/jpg"],
        })
        imu = writer.add_stream(IMU_TYPE, flavor="example/imu", records={
            "data": [{"accel": "point3df", "gyro": "point3df"}]})
        for index, path in enumerate(frames):
            data = path.read_bytes()
            width, height = image_size(data)
            t = frame_time(path, index)
            if index == 0:
                writer.add_record(camera, "configuration", t,
                                  [{"image_width": width, "image_height": height}])
            version = 1 if data[:4] == b"\x89PNG" else 2
            writer.add_record(camera, "data", t, [{"frame_index": index}, data],
                              format_version=version)
        with open(imu_csv, newline="") as f:
            for row in csv.reader(f):
                if not row or row[0].startswith("#") or row[0] == "t":
                    continue
                t, ax, ay, az, gx, gy, gz = map(float, row)
                writer.add_record(imu, "data", t, [{"accel": (ax, ay, az), "gyro": (gx, gy, gz)}])
        stats = writer.stats()
    print(f"wrote {output}: {stats['records_queued']} records, "
          f"compression ratio {stats['compression_ratio']:.2f}")


def read_back(path: Path) -> None:
    reader = vrsx.SyncVRSReader(str(path))
    print(f"{path}: {len(reader)} records, streams {sorted(reader.stream_ids)}")
    for stream in sorted(reader.stream_ids):
        info = reader.get_stream_info(stream)
        print(f"  {stream} {info['device_name']} ({info['flavor']}): "
              f"{info['data_records_count']} data records, "
              f"{reader.get_estimated_frame_rate(stream):.1f} Hz")
    frames = reader.filtered_by_fields(stream_ids={f"{CAMERA_TYPE}-*"}, record_types={"data"})
    if len(frames):
        first = frames[0]
        print(f"  first frame: {first.image_specs[0]['image_format']} "
              f"{len(first.image_blocks[0])} bytes, metadata {first.metadata_blocks[0]}")
    imu = reader.filtered_by_fields(stream_ids={f"{IMU_TYPE}-*"})
    if len(imu):
        print(f"  first IMU sample: {imu[0].metadata_blocks[0]}")


def png_bytes(width: int, height: int, shade: int) -> bytes:
    """A grey PNG, without any imaging library."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    rows = b"".join(b"\x00" + bytes((x + shade) % 256 for x in range(width)) for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def make_demo(folder: Path):
    frames = folder / "frames"
    frames.mkdir(parents=True, exist_ok=True)
    for i in range(30):
        (frames / f"{i / 30:.6f}.png").write_bytes(png_bytes(64, 48, i * 8))
    imu_csv = folder / "imu.csv"
    with open(imu_csv, "w") as f:
        f.write("t,ax,ay,az,gx,gy,gz\n")
        for i in range(1000):
            f.write(f"{i / 1000:.4f},0.1,0.2,9.81,{i / 1000},0,0\n")
    return frames, imu_csv, folder / "demo.vrs"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--demo", type=Path, help="make demo inputs in this folder and convert them")
    parser.add_argument("inputs", nargs="*", type=Path, help="FRAMES_DIR IMU_CSV OUTPUT.vrs")
    args = parser.parse_args(argv)
    if args.demo:
        frames, imu_csv, output = make_demo(args.demo)
    elif len(args.inputs) == 3:
        frames, imu_csv, output = args.inputs
    else:
        parser.error("give FRAMES_DIR IMU_CSV OUTPUT.vrs, or --demo FOLDER")
    convert(frames, imu_csv, output)
    read_back(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
