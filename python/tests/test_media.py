"""Decoded images and audio: png/jpg through every image conversion, raw pixel formats
normalized, opus blocks decoded to int16, extract_audio_track."""

import threading
import wave

import numpy as np
import pytest

import vrsx
from media_codecs import (OPUS, OPUS_FRAME, OPUS_RATE, TURBOJPEG, jpeg_bytes, jpeg_decode,
                          opus_decode, opus_packets, png_bytes)

RNG = np.random.default_rng(7)
GREY8 = RNG.integers(0, 256, (12, 20), dtype=np.uint8)
GREY16 = RNG.integers(0, 65536, (12, 20), dtype=np.uint16)
RGB8 = RNG.integers(0, 256, (12, 20, 3), dtype=np.uint8)
RGBA8 = RNG.integers(0, 256, (12, 20, 4), dtype=np.uint8)
PNGS = {"grey8": GREY8, "grey16": GREY16, "rgb8": RGB8, "rgba8": RGBA8}


def luma(rgb: np.ndarray) -> np.ndarray:
    """docs/media.md's normalize_grey8: (77 R + 150 G + 29 B + 128) >> 8."""
    r, g, b = (rgb[..., c].astype(np.uint32) for c in range(3))
    return ((77 * r + 150 * g + 29 * b + 128) >> 8).astype(np.uint8)


@pytest.fixture(scope="module")
def png_file(tmp_path_factory):
    """One stream of png images, one record per PNGS entry, in that order."""
    path = tmp_path_factory.mktemp("png") / "png.vrs"
    with vrsx.Writer(str(path)) as writer:
        cam = writer.add_stream(1201, flavor="test/png", records={"data": ["image/png"]})
        for t, pixels in enumerate(PNGS.values()):
            writer.add_record(cam, "data", float(t), [png_bytes(pixels)])
    return str(path), cam


def test_png_off_gives_the_bytes(png_file):
    path, _ = png_file
    reader = vrsx.SyncVRSReader(path)
    for record, pixels in zip(reader, PNGS.values()):
        assert record.image_blocks[0] == png_bytes(pixels)
        assert record.image_specs[0]["image_format"] == "png"


def test_png_decompress_is_pixel_exact(png_file):
    path, _ = png_file
    reader = vrsx.SyncVRSReader(path)
    reader.set_image_conversion(vrsx.ImageConversion.DECOMPRESS)
    for record, pixels in zip(reader, PNGS.values()):
        image = record.image_blocks[0]
        assert image.dtype == pixels.dtype and image.shape == pixels.shape
        assert np.array_equal(image, pixels)


def test_png_normalize_and_grey8(png_file):
    path, cam = png_file
    reader = vrsx.SyncVRSReader(path)
    reader.set_stream_image_conversion(cam, "normalize")
    grey8, grey16, rgb8, rgba8 = (r.image_blocks[0] for r in reader)
    assert np.array_equal(grey8, GREY8)
    assert grey16.dtype == np.uint8 and np.array_equal(grey16, (GREY16 >> 8).astype(np.uint8))
    assert np.array_equal(rgb8, RGB8) and np.array_equal(rgba8, RGBA8)
    reader.set_stream_type_image_conversion(1201, vrsx.ImageConversion.NORMALIZE_GREY8)
    images = [r.image_blocks[0] for r in reader]
    assert all(i.shape == (12, 20) and i.dtype == np.uint8 for i in images)
    assert np.array_equal(images[2], luma(RGB8))
    assert np.array_equal(images[3], luma(RGBA8[..., :3]))


def test_raw_buffer_is_flat(png_file):
    path, _ = png_file
    reader = vrsx.SyncVRSReader(path)
    reader.set_image_conversion("raw_buffer")
    image = reader[0].image_blocks[0]
    assert image.ndim == 1 and image.dtype == np.uint8
    assert image.tobytes() == png_bytes(GREY8)


def test_corrupt_png_raises_with_decompress(tmp_path):
    path = tmp_path / "bad.vrs"
    with vrsx.Writer(str(path)) as writer:
        cam = writer.add_stream(1201, records={"data": ["image/png"]})
        writer.add_record(cam, "data", 1.0, [png_bytes(GREY8)[:40]])
    reader = vrsx.SyncVRSReader(path)
    assert isinstance(reader[0].image_blocks[0], bytes)  # off: the bytes, no decoding
    reader.set_image_conversion("decompress")
    with pytest.raises(vrsx.VrsError):
        reader[0]


@pytest.mark.skipif(TURBOJPEG is None, reason="libturbojpeg is absent")
def test_jpg_decompress_matches_libturbojpeg(tmp_path):
    path = tmp_path / "jpg.vrs"
    smooth = np.add.outer(np.arange(24), np.arange(32)).astype(np.uint8) * 3
    colour = np.stack([smooth, smooth[::-1], 255 - smooth], axis=2)
    with vrsx.Writer(str(path)) as writer:
        cam = writer.add_stream(1201, records={"data": ["image/jpg"]})
        writer.add_record(cam, "data", 1.0, [jpeg_bytes(smooth)])
        writer.add_record(cam, "data", 2.0, [jpeg_bytes(colour)])
    reader = vrsx.SyncVRSReader(path)
    reader.set_image_conversion("decompress")
    grey, rgb = reader[0].image_blocks[0], reader[1].image_blocks[0]
    assert grey.shape == (24, 32) and rgb.shape == (24, 32, 3) and rgb.dtype == np.uint8
    assert np.array_equal(grey, jpeg_decode(jpeg_bytes(smooth), 32, 24, True))
    assert np.array_equal(rgb, jpeg_decode(jpeg_bytes(colour), 32, 24, False))
    assert np.abs(rgb.astype(int) - colour).mean() < 4  # and close to the source
    reader.set_image_conversion("normalize_grey8")
    assert reader[1].image_blocks[0].shape == (24, 32)


@pytest.fixture(scope="module")
def raw_file(tmp_path_factory):
    """Raw images of several pixel formats, one stream each: name -> (stream, stored array)."""
    path = tmp_path_factory.mktemp("raw") / "raw.vrs"
    grey10 = RNG.integers(0, 1024, (6, 8), dtype=np.uint16)
    bgr8 = RNG.integers(0, 256, (6, 8, 3), dtype=np.uint8)
    nv12 = np.concatenate([np.full(48, 128, np.uint8), np.full(24, 128, np.uint8)])
    nv12[:48] = np.arange(48, dtype=np.uint8) * 5  # grey (no chroma): r = g = b = y
    stored = {"grey8": GREY8, "grey10": grey10, "bgr8": bgr8, "rgb8": RGB8, "yuv_420_nv12": nv12}
    specs = {"grey8": "20x12/pixel=grey8", "grey10": "8x6/pixel=grey10",
             "bgr8": "8x6/pixel=bgr8", "rgb8": "20x12/pixel=rgb8",
             "yuv_420_nv12": "8x6/pixel=yuv_420_nv12"}
    streams = {}
    with vrsx.Writer(str(path)) as writer:
        for name, spec in specs.items():
            streams[name] = writer.add_stream(1201, flavor=name,
                                              records={"data": [f"image/raw/{spec}"]})
            writer.add_record(streams[name], "data", 1.0, [stored[name]])
    return str(path), {name: (streams[name], stored[name]) for name in specs}


def test_raw_images_normalized(raw_file):
    path, streams = raw_file
    reader = vrsx.SyncVRSReader(path)
    reader.set_image_conversion("normalize")

    def image(name):
        return reader.read_record_by_time(streams[name][0], 1.0).image_blocks[0]

    grey10 = streams["grey10"][1]
    assert image("grey10").dtype == np.uint8
    assert np.array_equal(image("grey10"), (grey10 >> 2).astype(np.uint8))
    assert np.array_equal(image("bgr8"), streams["bgr8"][1][..., ::-1])
    nv12 = image("yuv_420_nv12")
    assert nv12.shape == (6, 8, 3) and nv12.dtype == np.uint8
    y = streams["yuv_420_nv12"][1][:48].reshape(6, 8)
    assert np.abs(nv12.astype(int) - y[..., None]).max() <= 1
    # Formats normalizing keeps are still shared with the record (read-only, no copy).
    grey8 = image("grey8")
    assert np.array_equal(grey8, GREY8) and not grey8.flags.writeable
    assert np.array_equal(image("rgb8"), RGB8)
    reader.set_image_conversion("normalize_grey8")
    assert np.array_equal(image("rgb8"), luma(RGB8))
    # decompress and off leave raw images as stored.
    reader.set_image_conversion("decompress")
    assert image("grey10").dtype == np.uint16 and np.array_equal(image("grey10"), grey10)
    assert image("yuv_420_nv12").ndim == 1


def write_opus(path, packets, channels, stereo_pairs):
    with vrsx.Writer(str(path)) as writer:
        mic = writer.add_stream(100, flavor="test/opus", records={
            "configuration": [{"audio_format": "uint8", "audio_sample_format": "uint8",
                               "audio_channel_count": "uint8", "audio_sample_rate": "uint32",
                               "audio_stereo_pair_count": "uint8"}],
            "data": ["audio"]})
        writer.add_record(mic, "configuration", 0.0, [{
            "audio_format": 2, "audio_sample_format": 3,  # opus, int16le
            "audio_channel_count": channels, "audio_sample_rate": OPUS_RATE,
            "audio_stereo_pair_count": stereo_pairs}])
        for p, packet in enumerate(packets):
            writer.add_record(mic, "data", 0.02 * (p + 1), [packet])
    return mic


@pytest.mark.skipif(OPUS is None, reason="libopus is absent")
@pytest.mark.parametrize("stereo_pairs", [0, 1])
def test_opus_blocks_decode_as_libopus_decodes_them(tmp_path, stereo_pairs):
    packets = opus_packets(2, stereo_pairs, 25)
    mic = write_opus(tmp_path / "opus.vrs", packets, 2, stereo_pairs)
    reader = vrsx.SyncVRSReader(tmp_path / "opus.vrs")
    data = reader.filtered_by_fields(stream_ids={mic}, record_types={"data"})
    decoded = [record.audio_blocks[0] for record in data]
    expected = opus_decode(packets, 2, stereo_pairs)
    for got, want in zip(decoded, expected):
        assert got.dtype == np.int16 and got.shape == (OPUS_FRAME, 2)
        assert np.array_equal(got, want)
    assert data[0].audio_specs[0]["audio_format"] == "opus"


def snr_db(got: np.ndarray, want: np.ndarray) -> float:
    noise = np.sum((got.astype(float) - want) ** 2)
    return 10 * np.log10(np.sum(want.astype(float) ** 2) / max(noise, 1e-9))


@pytest.mark.skipif(OPUS is None, reason="libopus is absent")
def test_opus_read_out_of_order(tmp_path):
    packets = opus_packets(2, 1, 25)
    mic = write_opus(tmp_path / "opus.vrs", packets, 2, 1)
    expected = opus_decode(packets, 2, 1)
    data = vrsx.SyncVRSReader(tmp_path / "opus.vrs").filtered_by_fields(
        stream_ids={mic}, record_types={"data"})
    # A jump back resets the decoder and warms it up on the records before: close to the
    # in-order decode (opus converges), and reading on in order continues from that state.
    for k in (20, 5, 12, 13, 14):
        assert snr_db(data[k].audio_blocks[0], expected[k]) > 30
    # Records before the pre-roll window reaches back to the stream's start: exact.
    assert np.array_equal(data[5].audio_blocks[0], expected[5])


@pytest.mark.skipif(OPUS is None, reason="libopus is absent")
def test_extract_audio_track(tmp_path):
    packets = opus_packets(2, 1, 25)
    mic = write_opus(tmp_path / "opus.vrs", packets, 2, 1)
    result = vrsx.extract_audio_track(str(tmp_path / "opus.vrs"), str(tmp_path / "out.wav"))
    assert result["stream_id"] == mic and result["blocks"] == 25
    with wave.open(str(tmp_path / "out.wav")) as wav:
        assert wav.getnchannels() == 2 and wav.getframerate() == OPUS_RATE
        assert wav.getsampwidth() == 2
        frames = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").reshape(-1, 2)
    assert np.array_equal(frames, np.concatenate(opus_decode(packets, 2, 1)))
    with pytest.raises(ValueError):
        vrsx.extract_audio_track(str(tmp_path / "opus.vrs"), str(tmp_path / "x.wav"), "100-9")


def test_extract_audio_track_without_audio(tmp_path, png_file):
    with pytest.raises(ValueError, match="no audio stream"):
        vrsx.extract_audio_track(png_file[0], str(tmp_path / "none.wav"))


def test_decoding_from_several_threads(png_file):
    path, _ = png_file
    reader = vrsx.SyncVRSReader(path)
    reader.set_image_conversion("decompress")
    expected = list(PNGS.values())
    failures = []

    def work():
        for _ in range(50):
            for k, pixels in enumerate(expected):
                if not np.array_equal(reader[k].image_blocks[0], pixels):
                    failures.append(k)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
