"""Test encoders: PNG in pure Python (zlib), JPEG and opus through the system's libturbojpeg and
libopus with ctypes (None when a library is missing), and their reference decoders."""

import ctypes
import ctypes.util
import struct
import zlib
from typing import List, Optional

import numpy as np


# --- PNG -------------------------------------------------------------------------------------
def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def png_bytes(pixels: np.ndarray) -> bytes:
    """A PNG of a uint8 (grey, rgb, rgba) or uint16 (grey) array H x W [x C]."""
    channels = 1 if pixels.ndim == 2 else pixels.shape[2]
    colour = {1: 0, 2: 4, 3: 2, 4: 6}[channels]
    depth = 16 if pixels.dtype == np.uint16 else 8
    height, width = pixels.shape[:2]
    rows = pixels.astype(">u2") if depth == 16 else pixels
    raw = b"".join(b"\x00" + rows[y].tobytes() for y in range(height))  # filter 0 (none)
    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw))
            + _chunk(b"IEND", b""))


# --- JPEG (libturbojpeg) ---------------------------------------------------------------------
TJPF_RGB, TJPF_GRAY = 0, 6
TJSAMP_444, TJSAMP_GRAY = 0, 3


def _turbojpeg():
    name = ctypes.util.find_library("turbojpeg")
    if name is None:
        return None
    lib = ctypes.CDLL(name)
    lib.tjInitCompress.restype = ctypes.c_void_p
    lib.tjInitDecompress.restype = ctypes.c_void_p
    lib.tjDestroy.argtypes = [ctypes.c_void_p]
    lib.tjFree.argtypes = [ctypes.c_void_p]
    lib.tjCompress2.argtypes = [
        ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int,
        ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_ulong), ctypes.c_int,
        ctypes.c_int, ctypes.c_int]
    lib.tjDecompress2.argtypes = [
        ctypes.c_void_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_int,
        ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int]
    return lib


TURBOJPEG = _turbojpeg()


def jpeg_bytes(pixels: np.ndarray, quality: int = 90) -> bytes:
    """A JPEG of a uint8 grey (H x W) or rgb (H x W x 3) array."""
    grey = pixels.ndim == 2
    pixels = np.ascontiguousarray(pixels)
    handle = TURBOJPEG.tjInitCompress()
    out = ctypes.c_void_p()
    size = ctypes.c_ulong()
    height, width = pixels.shape[:2]
    status = TURBOJPEG.tjCompress2(
        handle, pixels.ctypes.data, width, 0, height, TJPF_GRAY if grey else TJPF_RGB,
        ctypes.byref(out), ctypes.byref(size), TJSAMP_GRAY if grey else TJSAMP_444, quality, 0)
    assert status == 0
    data = ctypes.string_at(out, size.value)
    TURBOJPEG.tjFree(out)
    TURBOJPEG.tjDestroy(handle)
    return data


def jpeg_decode(data: bytes, width: int, height: int, grey: bool) -> np.ndarray:
    """libturbojpeg's own decode (what vrsx should give, pixel for pixel)."""
    out = np.zeros((height, width) if grey else (height, width, 3), dtype=np.uint8)
    handle = TURBOJPEG.tjInitDecompress()
    status = TURBOJPEG.tjDecompress2(handle, data, len(data), out.ctypes.data, width, 0, height,
                                     TJPF_GRAY if grey else TJPF_RGB, 0)
    TURBOJPEG.tjDestroy(handle)
    assert status == 0
    return out


# --- opus (libopus, multistream API as vrsx uses it) -----------------------------------------
OPUS_APPLICATION_AUDIO = 2049
OPUS_SET_BITRATE_REQUEST = 4002


def _opus():
    name = ctypes.util.find_library("opus")
    if name is None:
        return None
    lib = ctypes.CDLL(name)
    for create in ("opus_multistream_encoder_create", "opus_multistream_decoder_create"):
        getattr(lib, create).restype = ctypes.c_void_p
    lib.opus_multistream_encoder_create.argtypes = [
        ctypes.c_int32, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_char_p,
        ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
    lib.opus_multistream_decoder_create.argtypes = [
        ctypes.c_int32, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_char_p,
        ctypes.POINTER(ctypes.c_int)]
    lib.opus_multistream_encode.argtypes = [
        ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int32]
    lib.opus_multistream_decode.argtypes = [
        ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int32, ctypes.c_void_p, ctypes.c_int,
        ctypes.c_int]
    lib.opus_multistream_encoder_ctl.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int32]
    lib.opus_multistream_encoder_destroy.argtypes = [ctypes.c_void_p]
    lib.opus_multistream_decoder_destroy.argtypes = [ctypes.c_void_p]
    return lib


OPUS = _opus()
OPUS_RATE = 48000
OPUS_FRAME = 960  # 20 ms


def sine(frames: int, channels: int, start: int = 0) -> np.ndarray:
    """int16 frames x channels: 440 Hz, 660 Hz... one sine per channel."""
    t = (np.arange(frames) + start)[:, None] / OPUS_RATE
    hz = 440.0 + 220.0 * np.arange(channels)[None, :]
    return np.round(12000 * np.sin(2 * np.pi * hz * t)).astype(np.int16)


def opus_packets(channels: int, stereo_pairs: int, count: int) -> List[bytes]:
    """`count` 20 ms packets of sines, one opus stream per channel but `stereo_pairs` coupled."""
    error = ctypes.c_int()
    mapping = bytes(range(channels))
    encoder = OPUS.opus_multistream_encoder_create(
        OPUS_RATE, channels, channels - stereo_pairs, stereo_pairs, mapping,
        OPUS_APPLICATION_AUDIO, ctypes.byref(error))
    assert error.value == 0
    OPUS.opus_multistream_encoder_ctl(encoder, OPUS_SET_BITRATE_REQUEST, 96000)
    packets = []
    out = ctypes.create_string_buffer(4000)
    for p in range(count):
        pcm = np.ascontiguousarray(sine(OPUS_FRAME, channels, p * OPUS_FRAME))
        size = OPUS.opus_multistream_encode(encoder, pcm.ctypes.data, OPUS_FRAME, out, 4000)
        assert size > 0
        packets.append(out.raw[:size])
    OPUS.opus_multistream_encoder_destroy(encoder)
    return packets


def opus_decode(packets: List[bytes], channels: int, stereo_pairs: int) -> List[np.ndarray]:
    """libopus's own decode of the packets in order: int16 frames x channels each."""
    error = ctypes.c_int()
    decoder = OPUS.opus_multistream_decoder_create(
        OPUS_RATE, channels, channels - stereo_pairs, stereo_pairs, bytes(range(channels)),
        ctypes.byref(error))
    assert error.value == 0
    decoded = []
    for packet in packets:
        pcm = np.zeros((5760, channels), dtype=np.int16)
        frames = OPUS.opus_multistream_decode(decoder, packet, len(packet), pcm.ctypes.data,
                                              5760, 0)
        assert frames > 0
        decoded.append(pcm[:frames].copy())
    OPUS.opus_multistream_decoder_destroy(decoder)
    return decoded


def available(lib: Optional[object]) -> bool:
    return lib is not None
