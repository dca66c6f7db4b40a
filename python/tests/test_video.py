"""Video frames (image/video, h264 and h265) through SyncVRSReader's image conversions: frames read
in order and at random decode to the same pixels (random access decodes from the group's key
frame), close to the source frames the test encoder was given. The frames are encoded by
tests/tools/encode_test_video.cc with libavcodec's encoders; without them the tests skip."""

import os
import random
import struct
import subprocess

import numpy as np
import pytest

import vrsx

WIDTH, HEIGHT, FRAMES, GROUP = 64, 48, 12, 4
FRAME_SIZE = WIDTH * HEIGHT * 3 // 2  # yuv420p


def _encode(codec, folder, frames=FRAMES, group=GROUP, bframes=0):
    tool = os.environ.get("VRSX_ENCODE_TEST_VIDEO")
    if not tool:
        pytest.skip("vrsx was built without libavcodec (no VRSX_ENCODE_TEST_VIDEO)")
    run = subprocess.run([tool, codec, str(WIDTH), str(HEIGHT), str(frames), str(group),
                          str(folder), str(bframes)], capture_output=True, text=True)
    if run.returncode == 3:
        pytest.skip(run.stderr.strip())
    assert run.returncode == 0, run.stderr
    packets = []
    data = (folder / "packets").read_bytes()
    at = 0
    while at < len(data):
        key = data[at] == 1
        (size,) = struct.unpack_from("<I", data, at + 1)
        packets.append((key, data[at + 5:at + 5 + size]))
        at += 5 + size
    source = np.frombuffer((folder / "source.yuv").read_bytes(), np.uint8)
    return packets, source.reshape(frames, FRAME_SIZE)


def _write(path, codec_name, packets):
    """A video stream whose frames carry their key-frame fields, another stream between them."""
    with vrsx.Writer(str(path)) as writer:
        camera = writer.add_stream(214, flavor="test/video", records={
            "configuration": [{"image_width": "uint32", "image_height": "uint32",
                               "image_pixel_format": "uint32", "image_codec_name": "string"}],
            "data": [{"image_key_frame_timestamp": "double", "image_key_frame_index": "uint32"},
                     "image/video"]})
        other = writer.add_stream(100, records={"data": [{"value": "int32"}]})
        writer.add_record(camera, "configuration", 0.0, [{
            "image_width": WIDTH, "image_height": HEIGHT,
            "image_pixel_format": 5,  # yuv_i420_split
            "image_codec_name": codec_name}])
        key_time, since_key = 0.0, 0
        for n, (key, frame) in enumerate(packets):
            t = 1.0 + n
            if key:
                key_time, since_key = t, 0
            writer.add_record(camera, "data", t, [
                {"image_key_frame_timestamp": key_time, "image_key_frame_index": since_key},
                frame])
            writer.add_record(other, "data", t + 0.5, [{"value": n}])
            since_key += 1


def _psnr(a, b):
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return 99.0 if mse == 0 else 10 * np.log10(255.0 ** 2 / mse)


@pytest.fixture(params=[("h264", "H.264"), ("h265", "HEVC")], ids=["h264", "h265"])
def video_file(request, tmp_path):
    codec, codec_name = request.param
    packets, source = _encode(codec, tmp_path)
    assert len(packets) == FRAMES and packets[0][0]
    path = tmp_path / "video.vrs"
    _write(path, codec_name, packets)
    return path, packets, source


def _frames(reader, order):
    records = reader.filtered_by_fields(stream_ids={"214-*"}, record_types={"data"})
    return {n: records[n].image_blocks[0] for n in order}


def _decompressed(path, order):
    """Frames `order` of a fresh reader, decompressed, read in that order."""
    reader = vrsx.SyncVRSReader(path)
    reader.set_image_conversion("decompress")
    return _frames(reader, order)


def test_decompressed_frames_are_the_source_frames(video_file):
    path, packets, source = video_file
    frames = _decompressed(path, range(FRAMES))
    for n in range(FRAMES):
        assert frames[n].dtype == np.uint8 and frames[n].shape == (FRAME_SIZE,)  # the 3 planes
        assert _psnr(frames[n], source[n]) > 30


def test_frames_read_at_random_equal_frames_read_in_order(video_file):
    path, _, _ = video_file
    expected = _decompressed(path, range(FRAMES))
    order = list(range(FRAMES))
    random.Random(7).shuffle(order)
    got = _decompressed(path, order)
    for n in range(FRAMES):
        np.testing.assert_array_equal(got[n], expected[n])
    # Backwards, each frame on a fresh reader (the decoder holds nothing of the frames after it).
    for n in reversed(range(FRAMES)):
        np.testing.assert_array_equal(_decompressed(path, [n])[n], expected[n])


def test_normalized_frames_are_rgb(video_file):
    path, _, source = video_file
    reader = vrsx.SyncVRSReader(path)
    reader.set_image_conversion("normalize")
    rgb = _frames(reader, [FRAMES - 1])[FRAMES - 1]
    assert rgb.dtype == np.uint8 and rgb.shape == (HEIGHT, WIDTH, 3)
    reader.set_image_conversion("normalize_grey8")
    grey = _frames(reader, [1])[1]
    assert grey.shape == (HEIGHT, WIDTH)
    # Grey from a limited-range (16-235) luma plane is stretched to 0-255.
    luma = source[1][:WIDTH * HEIGHT].reshape(HEIGHT, WIDTH).astype(np.float64)
    assert _psnr(grey, np.clip((luma - 16) * 255 / 219, 0, 255).round()) > 30


def test_off_gives_the_stored_frame(video_file):
    path, packets, _ = video_file
    reader = vrsx.SyncVRSReader(path)
    frames = _frames(reader, [0, 5])
    assert bytes(frames[0]) == packets[0][1] and bytes(frames[5]) == packets[5][1]


@pytest.mark.parametrize("codec,codec_name", [("h264", "H.264"), ("h265", "HEVC")])
def test_b_frames_each_record_gives_its_own_frame(tmp_path, codec, codec_name):
    """Records in decode order; a record's image is the picture of its own packet, which is
    source frame pts (pictures held back by reordering are decoded ahead or drained)."""
    frames, group = 20, 8
    packets, source = _encode(codec, tmp_path, frames, group, bframes=2)
    pts = struct.unpack(f"<{frames}I", (tmp_path / "pts").read_bytes())
    assert list(pts) != list(range(frames))  # reordered
    path = tmp_path / "bframes.vrs"
    _write(path, codec_name, packets)
    expected = _decompressed(path, range(frames))
    for n in range(frames):
        assert _psnr(expected[n], source[pts[n]]) > 30
    order = list(range(frames))
    random.Random(3).shuffle(order)
    got = _decompressed(path, order)
    for n in range(frames):
        np.testing.assert_array_equal(got[n], expected[n])


def test_a_garbage_frame_raises(tmp_path):
    if not os.environ.get("VRSX_ENCODE_TEST_VIDEO"):
        pytest.skip("vrsx was built without libavcodec: video frames stay bytes")
    path = tmp_path / "garbage.vrs"
    frame = b"\x00\x00\x00\x01\x65 not really h264"
    _write(path, "H.264", [(True, frame)])
    reader = vrsx.SyncVRSReader(path)
    records = reader.filtered_by_fields(record_types={"data"}, stream_ids={"214-*"})
    assert bytes(records[0].image_blocks[0]) == frame  # "off": the stored bytes
    reader.set_image_conversion("decompress")
    with pytest.raises(vrsx.VrsError):
        records[0].image_blocks[0]
