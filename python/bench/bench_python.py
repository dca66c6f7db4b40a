#!/usr/bin/python3
"""Python iteration vs the C++ API on the same files.

    PYTHONPATH=build/python /usr/bin/python3 python/bench/bench_python.py \
        --cpp build/python/vrsx_py_bench_cpp [--dir /tmp/vrsx-pybench] [--records 1000000]

Files (written once with vrsx.Writer, then reused):
- small-N.vrs: N small IMU records (DataLayout: counter, accel, gyro, temperature) on 4 streams;
- frames.vrs: 640x480 grey8 frames (DataLayout + raw image), zstd.
Rows: records/s and MiB/s for the C++ decode loop (bench/cpp_decode_loop.cc) and for
`for record in SyncVRSReader(path)` touching the metadata / the image array. Best of --repeats.
"""

import argparse
import os
import subprocess
import time
from pathlib import Path

import numpy as np

import vrsx


def write_small(path: Path, count: int) -> None:
    with vrsx.Writer(str(path), compression="zfaster") as writer:
        streams = [writer.add_stream(300, flavor=f"imu/{k}", records={"data": [{
            "counter": "uint64", "accel": "point3df", "gyro": "point3df", "temperature": "float"}]})
            for k in range(4)]
        for i in range(count):
            writer.add_record(streams[i % 4], "data", i * 1e-4,
                              [{"counter": i, "accel": (0.1, 0.2, 9.8), "gyro": (0.0, 0.1, 0.2),
                                "temperature": 21.5}])


def write_frames(path: Path, count: int) -> None:
    rng = np.random.default_rng(0)
    base = np.add.outer(np.arange(480), np.arange(640)).astype(np.uint8)
    with vrsx.Writer(str(path), compression="zfaster") as writer:
        cam = writer.add_stream(1201, flavor="bench/cam", records={
            "data": [{"exposure": "float", "frame": "uint64"}, "image/raw/640x480/pixel=grey8"]})
        for i in range(count):
            frame = base + (rng.integers(0, 4, base.shape, dtype=np.uint8) if i % 4 == 0 else 0)
            writer.add_record(cam, "data", i / 30, [{"exposure": 1.0, "frame": i}, frame])


def python_small(path: Path) -> float:
    start = time.perf_counter()
    total = 0
    for record in vrsx.SyncVRSReader(str(path)):
        total += record.metadata_blocks[0]["counter"]
    return time.perf_counter() - start


def python_frames(path: Path) -> float:
    start = time.perf_counter()
    total = 0
    for record in vrsx.SyncVRSReader(str(path)):
        image = record.image_blocks[0]
        total += int(image[240, 320]) + record.metadata_blocks[0]["frame"]
    return time.perf_counter() - start


def cpp(cpp_binary: str, path: Path) -> float:
    out = subprocess.run([cpp_binary, str(path)], check=True, capture_output=True, text=True)
    return float(out.stdout.split()[1])


def best(fn, repeats: int) -> float:
    return min(fn() for _ in range(repeats))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cpp", required=True, help="build/python/vrsx_py_bench_cpp")
    parser.add_argument("--dir", default="/tmp/vrsx-pybench", type=Path)
    parser.add_argument("--records", default=1_000_000, type=int)
    parser.add_argument("--frames", default=600, type=int)
    parser.add_argument("--repeats", default=3, type=int)
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    small = args.dir / f"small-{args.records}.vrs"
    frames = args.dir / f"frames-{args.frames}.vrs"
    for path, write, n in ((small, write_small, args.records), (frames, write_frames, args.frames)):
        if not path.exists():
            start = time.perf_counter()
            write(path, n)
            print(f"wrote {path.name} ({os.path.getsize(path) / 2**20:.1f} MiB) in "
                  f"{time.perf_counter() - start:.1f} s with vrsx.Writer")
    frame_mib = args.frames * 640 * 480 / 2**20
    print("| file | reader | seconds | records/s | MiB/s (pixels) | Python / C++ |")
    print("|---|---|---|---|---|---|")
    for name, path, n, py_fn, mib in (("small", small, args.records, python_small, None),
                                       ("frames", frames, args.frames, python_frames, frame_mib)):
        c = best(lambda: cpp(args.cpp, path), args.repeats)
        p = best(lambda: py_fn(path), args.repeats)
        for reader, t in (("C++ RecordContentDecoder", c), ("Python SyncVRSReader", p)):
            rate = f"{mib / t:.0f}" if mib else "-"
            ratio = f"{c / t:.0%}" if reader.startswith("Python") else ""
            print(f"| {name}-{n} | {reader} | {t:.3f} | {n / t:,.0f} | {rate} | {ratio} |")


if __name__ == "__main__":
    main()
