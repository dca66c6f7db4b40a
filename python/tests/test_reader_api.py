"""pyvrs's reader API on sample_file.vrs; expectations from the golden `info`/`list` outputs."""

import wave

import numpy as np
import pytest

import vrsx
from conftest import GOLDEN, golden_available, requires_golden

pytestmark = pytest.mark.skipif(not golden_available(), reason="../shared/golden is absent")


@pytest.fixture
def reader():
    return vrsx.SyncVRSReader(str(GOLDEN / "files" / "sample_file.vrs"))


def test_streams_and_tags(reader):
    assert reader.stream_ids == {"101-1", "200-1", "372-1"}
    assert reader.file_tags["purpose"] == "sample_code"
    assert reader.file_tags["os_fingerprint"] == "MacOS 20.6.0"
    assert reader.get_stream_vrs_tags("200-1")["VRS_Serial_Number"] == "ba694566926a7501"
    info = reader.get_stream_info("200-1")
    assert info["device_name"] == "Forward Camera Class"
    assert info["flavor"] == "sample/camera"
    assert info["data_records_count"] == 101
    assert info["configuration_records_count"] == 1
    assert info["first_data_record_timestamp"] == pytest.approx(1493865.291, abs=5e-4)
    assert set(reader.stream_tags) == reader.stream_ids


def test_counts_and_lookups(reader):
    assert len(reader) == 307
    assert reader.get_records_count("101-1", "data") == 100
    assert reader.get_records_count("372-1", vrsx.RecordType.STATE) == 1
    assert reader.find_streams(200) == ["200-1"]
    assert reader.find_streams(200, "sample/camera") == ["200-1"]
    assert reader.find_streams(200, "nope") == []
    assert reader.get_stream_for_flavor(101, "sample/audio") == "101-1"
    assert reader.get_stream_for_serial_number("0ca61d03d3241224") == "372-1"
    assert reader.find_stream(372, "VRS_Recordable_Flavor", "sample/motion") == "372-1"
    assert reader.get_estimated_frame_rate("200-1") == pytest.approx(100 / 1.082, rel=0.01)
    assert reader.might_contain_images("200-1") and not reader.might_contain_images("372-1")
    assert reader.might_contain_audio("101-1") and not reader.might_contain_audio("200-1")
    assert vrsx.recordable_type_id_name(200) == "Forward Camera Class"


def test_indexing_slicing_iteration(reader):
    records = list(reader)
    assert len(records) == 307
    assert reader[-1].record_index == 306
    sliced = reader[10:20:2]
    assert len(sliced) == 5
    assert [r.record_index for r in sliced] == [10, 12, 14, 16, 18]
    assert [r.record_index for r in sliced[1:3]] == [12, 14]
    with pytest.raises(IndexError):
        reader[307]
    timestamps = reader.get_timestamp_list()
    assert timestamps == sorted(timestamps) and len(timestamps) == 307
    assert reader.get_timestamp_list([0, 306]) == [timestamps[0], timestamps[-1]]
    assert records[5]["record_type"] == records[5].record_type


def test_filtered_by_fields_with_globs(reader):
    cameras = reader.filtered_by_fields(stream_ids={"200-*"}, record_types={"data"})
    assert len(cameras) == 101
    assert all(r.stream_id == "200-1" and r.record_type == "data" for r in cameras)
    two = reader.filtered_by_fields(stream_ids={"200-1", "372-1"})
    assert len(two) == 103 + 102
    window = reader.filtered_by_fields(min_timestamp=1493865.5, max_timestamp=1493865.6)
    assert all(1493865.5 <= t <= 1493865.6 for t in window.get_timestamp_list())
    assert len(window) > 0
    nested = cameras.filtered_by_fields(min_timestamp=1493866.0)
    assert all(r.timestamp >= 1493866.0 and r.stream_id == "200-1" for r in nested)
    assert len(reader.filtered_by_fields(stream_ids="999-*")) == 0


def test_time_lookups(reader):
    cameras = reader.filtered_by_fields(stream_ids="200-1", record_types="data")
    times = cameras.get_timestamp_list()
    # Records with a timestamp of their own (this file has two frames at one time).
    unique = [k for k in range(1, len(times) - 1) if times[k - 1] < times[k] < times[k + 1]]
    k = unique[5]
    assert cameras.get_record_index_by_time("200-1", times[k] - 1e-6) == k
    assert cameras.get_record_index_by_time("200-1", times[k] + 1e-6, epsilon=0.001) == k
    with pytest.raises(vrsx.TimestampNotFoundError):
        cameras.get_record_index_by_time("200-1", times[k] + 0.004, epsilon=1e-5)
    with pytest.raises(vrsx.TimestampNotFoundError):
        cameras.get_record_index_by_time("200-1", times[-1] + 1)
    duplicate = next(j for j in range(1, len(times)) if times[j] == times[j - 1])
    assert cameras.get_record_index_by_time("200-1", times[duplicate], epsilon=0.0) == duplicate - 1
    record = reader.read_record_by_time("200-1", times[k], record_type="data")
    assert record.timestamp == times[k] and record.record_type == "data"
    j = reader.get_record_index_by_time("200-1", times[k], record_type="data")
    assert reader.read_next_record("200-1", "data", j).timestamp == times[k + 1]
    assert reader.read_prev_record("200-1", "data", j).timestamp == times[k - 1]
    first = reader.get_record_index_by_time("200-1", times[0], record_type="data")
    assert reader.read_prev_record("200-1", "data", first) is None
    config = reader.read_prev_record("200-1", "configuration", j)
    assert config.metadata_blocks[0]["image_width"] == 640


def test_auto_read_configuration_records(reader):
    # A data record read at random still gets the image spec of its configuration record.
    record = reader.filtered_by_fields(stream_ids="200-1", record_types="data")[50]
    assert record.image_blocks[0].shape == (480, 640)


def test_image_conversion(reader):
    reader.set_image_conversion(vrsx.ImageConversion.RAW_BUFFER)
    record = reader.read_record_by_time("200-1", 1493865.291, epsilon=0.001, record_type="data")
    assert record.image_blocks[0].shape == (640 * 480,)
    reader.set_image_conversion("off")
    reader.set_stream_image_conversion("200-1", vrsx.ImageConversion.RAW_BUFFER)
    assert reader[record.record_index].image_blocks[0].ndim == 1
    assert reader.set_stream_type_image_conversion(200, "decompress") == 1
    assert reader[record.record_index].image_blocks[0].shape == (480, 640)
    with pytest.raises(ValueError):
        reader.set_image_conversion("sharpen")


def test_multi_reader_merges_by_time():
    paths = [GOLDEN / "files" / "gen-none.vrs", GOLDEN / "files" / "sample_file.vrs"]
    multi = vrsx.MultiReader(paths)
    singles = [vrsx.SyncVRSReader(p) for p in paths]
    assert len(multi) == sum(len(s) for s in singles)
    times = multi.get_timestamp_list()
    assert times == sorted(times)
    assert multi.stream_ids == singles[0].stream_ids | singles[1].stream_ids
    assert len(multi.filtered_by_fields(stream_ids="372-*")) == len(
        singles[1].filtered_by_fields(stream_ids="372-*"))


def test_chunks_list(golden):
    files = golden / "files"
    chunks = [str(files / n) for n in ("chunks.vrs", "chunks.vrs_1", "chunks.vrs_2")]
    assert len(vrsx.SyncVRSReader(chunks)) == len(vrsx.SyncVRSReader(files / "chunks.vrs"))


def test_bad_paths_and_arguments(tmp_path, reader):
    with pytest.raises(FileNotFoundError):
        vrsx.SyncVRSReader(tmp_path / "missing.vrs")
    junk = tmp_path / "junk.vrs"
    junk.write_bytes(b"not a vrs file at all" * 10)
    with pytest.raises(vrsx.VrsError):
        vrsx.SyncVRSReader(junk)
    with pytest.raises(TypeError):
        vrsx.SyncVRSReader(42)
    with pytest.raises(vrsx.StreamNotFoundError):
        reader.get_stream_info("999-1")
    with pytest.raises(ValueError):
        reader.get_stream_info("camera")
    with pytest.raises(ValueError):
        reader.filtered_by_fields(record_types={"tags-and-more"})
    with pytest.raises(vrsx.StreamNotFoundError):
        reader.get_stream_for_flavor(200, "missing")
    with pytest.raises(FileNotFoundError):
        vrsx.records_checksum(str(tmp_path / "missing.vrs"))
    with pytest.raises(vrsx.StreamNotFoundError):
        vrsx.extract_audio_track(str(GOLDEN / "files" / "sample_file.vrs"),
                                 str(tmp_path / "a.wav"), "101-7")


@requires_golden
def test_extract_audio_track_of_pcm(tmp_path):
    path = str(GOLDEN / "files" / "sample_file.vrs")
    result = vrsx.extract_audio_track(path, str(tmp_path / "a.wav"))
    assert result["stream_id"] == "101-1" and result["blocks"] == 100
    reader = vrsx.SyncVRSReader(path).filtered_by_fields(stream_ids={"101-1"})
    samples = np.concatenate([b for r in reader for b in r.audio_blocks])
    with wave.open(str(tmp_path / "a.wav")) as wav:
        assert (wav.getnchannels(), wav.getframerate()) == (1, 44100)
        frames = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").reshape(-1, 1)
    assert np.array_equal(frames, samples)
