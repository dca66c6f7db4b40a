"""Reading the golden files: every record's metadata equals the golden `print-json` output,
raw images equal the bytes stored in the file, checksums equal checksum.txt."""

import json
from pathlib import Path

import numpy as np
import pytest

import vrsx
from plain_values import plain
from conftest import GOLDEN, golden_available

FILES = ["sample_file.vrs", "sample_raw_pixel_formats.vrs", "chunks.vrs", "copy-ztight.vrs",
         "gen-chunked.vrs", "gen-lz4fast.vrs", "gen-none.vrs", "gen-zmedium-async.vrs"]
pytestmark = pytest.mark.skipif(not golden_available(), reason="../shared/golden is absent")


def golden_records(name):
    """(header, [blocks]) per record of the golden print-json output."""
    records = []
    for line in (GOLDEN / "expected" / name / "print-json.jsons").read_text().splitlines():
        item = json.loads(line)
        if "record" in item:
            records.append((item["record"], []))
        else:
            records[-1][1].append(item)
    return records


def empty_like(value):
    return value in ([], "", {}, ())


@pytest.mark.parametrize("name", FILES)
def test_metadata_equals_print_json(name):
    expected = golden_records(name)
    reader = vrsx.SyncVRSReader(GOLDEN / "files" / name)
    assert len(reader) == len(expected)
    for i, (record, (header, blocks)) in enumerate(zip(reader, expected)):
        assert record.record_index == i
        assert record.stream_id == header["device"]
        assert record.record_type == header["type"].lower()
        assert record.timestamp == pytest.approx(header["timestamp"], abs=0.0005)
        layouts = [b["data_layout"] for b in blocks if "data_layout" in b]
        assert len(record.metadata_blocks) == len(layouts), (name, i)
        for ours, theirs in zip(record.metadata_blocks, layouts):
            assert list(ours.keys()) == [piece["name"] for piece in theirs]
            for piece in theirs:
                value = plain(ours[piece["name"]])
                if "value" in piece:
                    assert value == piece["value"], (name, i, piece["name"])
                else:
                    assert empty_like(value), (name, i, piece["name"], value)
        images = [b["image"] for b in blocks if "image" in b]
        assert len(record.image_blocks) == len(images)
        for spec, text in zip(record.image_specs, images):
            assert f"/{spec['width']}x{spec['height']}/" in text
            assert f"pixel={spec['pixel_format']}" in text
        audio = [b["audio"] for b in blocks if "audio" in b]
        assert len(record.audio_blocks) == len(audio)


@pytest.mark.parametrize("name", FILES)
def test_checksums_equal_golden(name):
    expected = GOLDEN / "expected" / name
    path = str(GOLDEN / "files" / name)
    assert vrsx.records_checksum(path) == (expected / "checksum.txt").read_text().strip()
    assert vrsx.verbatim_checksum(path) == (expected / "checksum-verbatim.txt").read_text().strip()


def test_raw_images_are_the_stored_bytes():
    # gen-none.vrs stores its records uncompressed: every image's bytes are in the file as is.
    path = GOLDEN / "files" / "gen-none.vrs"
    data = path.read_bytes()
    reader = vrsx.SyncVRSReader(path)
    images = 0
    for record in reader.filtered_by_fields(record_types={"data"}):
        for image, spec in zip(record.image_blocks, record.image_specs):
            assert isinstance(image, np.ndarray)
            assert image.shape[:2] == (spec["height"], spec["width"])
            assert data.find(image.tobytes()) >= 0
            images += 1
    assert images > 0
    # The same frames, compressed with lz4: the same pixels.
    lz4 = vrsx.SyncVRSReader(GOLDEN / "files" / "gen-lz4fast.vrs")
    for a, b in zip(reader, lz4):
        for x, y in zip(a.image_blocks, b.image_blocks):
            assert np.array_equal(x, y)


def test_image_array_is_zero_copy_view_with_stride():
    reader = vrsx.SyncVRSReader(GOLDEN / "files" / "sample_file.vrs")
    record = reader.read_record_by_time("200-1", 1493865.29)
    image = record.image_blocks[0]
    assert image.shape == (480, 640) and image.dtype == np.uint8
    assert not image.flags.owndata and not image.flags.writeable
    spec = record.image_specs[0]
    assert spec["pixel_format"] == "grey8" and spec["image_format"] == "raw"


def test_pixel_formats_dtypes():
    reader = vrsx.SyncVRSReader(GOLDEN / "files" / "sample_raw_pixel_formats.vrs")
    seen = {}
    for record in reader.filtered_by_fields(record_types="data"):
        for image, spec in zip(record.image_blocks, record.image_specs):
            seen[spec["pixel_format"]] = (image.dtype, image.shape)
    assert seen["grey8"] == (np.uint8, (120, 160))
    assert seen["rgb8"] == (np.uint8, (120, 160, 3))
    assert seen["grey16"] == (np.uint16, (120, 160))
    assert seen["depth32f"] == (np.float32, (120, 160))
    assert seen["rgba32F"] == (np.float32, (120, 160, 4))
    assert seen["yuy2"] == (np.uint8, (120, 160, 2))
    assert seen["yuv_i420_split"][0] == np.uint8 and len(seen["yuv_i420_split"][1]) == 1


def test_audio_blocks_are_samples():
    reader = vrsx.SyncVRSReader(GOLDEN / "files" / "chunks.vrs")
    audio = [r for r in reader.filtered_by_fields(record_types="data") if r.audio_blocks]
    assert audio
    block, spec = audio[0].audio_blocks[0], audio[0].audio_specs[0]
    assert block.dtype == np.int16 and block.shape == (256, 1)
    assert spec["sample_rate"] == 44100 and spec["channel_count"] == 1
    assert reader.might_contain_audio(audio[0].stream_id)
    assert not reader.might_contain_images(audio[0].stream_id)
