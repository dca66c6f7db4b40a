"""pyvrs's reading API over the native reader: SyncVRSReader, MultiReader, filtering, slicing."""

from __future__ import annotations

import enum
import math
import os
from typing import Dict, Iterator, List, Optional, Sequence, Set, Union

import numpy as np

from ._vrsx import NativeReader, StreamNotFoundError, TimestampNotFoundError, VRSRecord


class ImageConversion(enum.Enum):
    """pyvrs's image conversions (docs/python.md). OFF: raw images as arrays over the record,
    compressed ones as bytes. DECOMPRESS: png/jpg/jxl decoded to arrays too. NORMALIZE: every
    image as grey8, rgb8 or rgba8; NORMALIZE_GREY8: as grey8. RAW_BUFFER: flat uint8 arrays of
    the stored bytes. Video blocks stay bytes until the library decodes them."""

    OFF = "off"
    DECOMPRESS = "decompress"
    NORMALIZE = "normalize"
    NORMALIZE_GREY8 = "normalize_grey8"
    RAW_BUFFER = "raw_buffer"
    RECORD_UNREAD_BYTES_BACKDOOR = "record_unread_bytes_backdoor"


class RecordType(enum.Enum):
    CONFIGURATION = "configuration"
    STATE = "state"
    DATA = "data"


PathType = Union[str, os.PathLike]


def _conversion_name(conversion) -> str:
    if isinstance(conversion, ImageConversion):
        return conversion.value
    if isinstance(conversion, str):
        return conversion
    name = getattr(conversion, "name", None)  # a pyvrs enum member
    if isinstance(name, str):
        return name
    raise TypeError(f"not an image conversion: {conversion!r}")


def _type_name(record_type) -> Optional[str]:
    if record_type is None:
        return None
    if isinstance(record_type, RecordType):
        return record_type.value
    if isinstance(record_type, str):
        return record_type.lower()
    name = getattr(record_type, "name", None)
    if isinstance(name, str):
        return name.lower()
    raise TypeError(f"not a record type: {record_type!r}")


def _as_set(value) -> Optional[List[str]]:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    return [_type_name(v) if isinstance(v, RecordType) else str(v) for v in value]


def _file_arg(path) -> List[str]:
    """One file: a path or URL (its chunks are found beside it) or the list of its chunks
    (paths or URLs)."""
    if isinstance(path, (str, os.PathLike)):
        return [os.fspath(path)]
    if isinstance(path, (list, tuple)) and path and all(isinstance(p, (str, os.PathLike)) for p in path):
        return [os.fspath(p) for p in path]
    raise TypeError(f"expected a path or a list of chunk paths, got {path!r}")


class _BaseReader:
    """What SyncVRSReader, MultiReader and their filtered views share: a native reader and the
    indices (into it) of the records this view holds."""

    _native: NativeReader
    _indices: Optional[np.ndarray]  # None: every record

    # --- records -------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._native) if self._indices is None else len(self._indices)

    def _native_index(self, i: int) -> int:
        n = len(self)
        if i < 0:
            i += n
        if i < 0 or i >= n:
            raise IndexError("record index out of range")
        return i if self._indices is None else int(self._indices[i])

    def _read(self, i: int) -> VRSRecord:
        return self._native.read(self._native_index(i))

    def __getitem__(self, key):
        if isinstance(key, slice):
            return VRSReaderSlice(self, range(len(self))[key])
        if isinstance(key, (int, np.integer)):
            return self._read(int(key))
        raise TypeError(f"records are indexed by int or slice, not {type(key).__name__}")

    def __iter__(self) -> Iterator[VRSRecord]:
        read = self._native.read
        if self._indices is None:
            for i in range(len(self._native)):
                yield read(i)
        else:
            for i in self._indices.tolist():
                yield read(i)

    def _all_indices(self) -> np.ndarray:
        if self._indices is None:
            return np.arange(len(self._native), dtype=np.int64)
        return self._indices

    # --- streams -------------------------------------------------------------------------
    @property
    def stream_ids(self) -> Set[str]:
        return set(self._native.streams())

    @property
    def record_types(self) -> Set[str]:
        return {"configuration", "state", "data"}

    @property
    def file_tags(self) -> Dict[str, str]:
        return self._native.file_tags()

    @property
    def stream_tags(self) -> Dict[str, Dict[str, str]]:
        """Each stream's user tags (its VRS tags: get_stream_vrs_tags)."""
        return {s: self._native.stream_tags(s)[0] for s in self._native.streams()}

    def get_stream_vrs_tags(self, stream_id: str) -> Dict[str, str]:
        return self._native.stream_tags(stream_id)[1]

    def get_stream_info(self, stream_id: str) -> Dict:
        return self._native.stream_info(stream_id)

    def find_stream(self, recordable_type_id: int, tag_name: str, tag_value: str) -> str:
        """The first stream of this type with this user tag (or VRS tag: flavor, serial...)."""
        for stream in self._native.find_streams(recordable_type_id, ""):
            user, vrs = self._native.stream_tags(stream)
            if user.get(tag_name, vrs.get(tag_name)) == tag_value:
                return stream
        raise StreamNotFoundError(
            f"no stream of type {recordable_type_id} with tag {tag_name}={tag_value}")

    def find_streams(self, recordable_type_id: int, flavor: str = "") -> List[str]:
        return self._native.find_streams(recordable_type_id, flavor)

    def get_stream_for_flavor(self, recordable_type_id: int, flavor: str, index_number: int = 0) -> str:
        streams = self._native.find_streams(recordable_type_id, flavor)
        if index_number < 0 or index_number >= len(streams):
            raise StreamNotFoundError(
                f"no stream #{index_number} of type {recordable_type_id} and flavor '{flavor}'")
        return streams[index_number]

    def get_stream_for_serial_number(self, serial_number: str) -> str:
        stream = self._native.stream_for_serial_number(serial_number)
        if stream is None:
            raise StreamNotFoundError(f"no stream with serial number '{serial_number}'")
        return stream

    def get_serial_number_for_stream(self, stream_id: str) -> str:
        return self._native.stream_info(stream_id)["serial_number"]

    def get_records_count(self, stream_id: str, record_type) -> int:
        return self._native.records_count(stream_id, _type_name(record_type))

    def get_estimated_frame_rate(self, stream_id: str) -> float:
        return self._native.estimated_frame_rate(stream_id)

    def might_contain_images(self, stream_id: str) -> bool:
        return self._native.might_contain_images(stream_id)

    def might_contain_audio(self, stream_id: str) -> bool:
        return self._native.might_contain_audio(stream_id)

    # --- time ----------------------------------------------------------------------------
    def get_timestamp_for_index(self, index: int) -> float:
        return self._native.record_info(self._native_index(index))[0]

    def get_timestamp_list(self, indices: Optional[Sequence[int]] = None) -> List[float]:
        if indices is None:
            return self._native.timestamps(self._indices).tolist() if self._indices is not None \
                else self._native.timestamps().tolist()
        native = np.array([self._native_index(int(i)) for i in indices], dtype=np.int64)
        return self._native.timestamps(native).tolist()

    def _stream_positions(self, stream_id: str, record_type) -> np.ndarray:
        """Positions in this view of a stream's records (of a type), in order."""
        if stream_id not in self.stream_ids:
            raise StreamNotFoundError(f"no stream {stream_id} in this recording")
        native = self._native.stream_records(stream_id, _type_name(record_type))
        if self._indices is None:
            return native
        return np.searchsorted(self._indices, np.intersect1d(native, self._indices))

    def get_record_index_by_time(self, stream_id: str, timestamp: float,
                                 epsilon: Optional[float] = None, record_type=None) -> int:
        """Without epsilon: the stream's first record at or after `timestamp`. With epsilon: the
        nearest record within epsilon (ties to the earlier one)."""
        positions = self._stream_positions(stream_id, record_type)
        if len(positions) == 0:
            raise TimestampNotFoundError(f"no record in stream {stream_id}")
        times = self._native.timestamps(self._all_indices()[positions])
        if epsilon is None:
            k = int(np.searchsorted(times, timestamp, side="left"))
            if k == len(times):
                raise TimestampNotFoundError(f"no record of {stream_id} at or after {timestamp}")
            return int(positions[k])
        k = int(np.searchsorted(times, timestamp, side="left"))
        best = None
        for c in (k - 1, k):
            if 0 <= c < len(times):
                d = abs(times[c] - timestamp)
                if best is None or d < best[0]:
                    best = (d, c)
        if best is None or best[0] > epsilon:
            raise TimestampNotFoundError(
                f"no record of {stream_id} within {epsilon} s of {timestamp}")
        c = best[1]
        while c > 0 and times[c - 1] == times[c]:  # the first of several at that time
            c -= 1
        return int(positions[c])

    def read_record_by_time(self, stream_id: str, timestamp: float,
                            epsilon: Optional[float] = None, record_type=None) -> VRSRecord:
        return self[self.get_record_index_by_time(stream_id, timestamp, epsilon, record_type)]

    def read_next_record(self, stream_id: str, record_type, index: int) -> Optional[VRSRecord]:
        """The first record of the stream (of that type) after position `index`, or None."""
        positions = self._stream_positions(stream_id, record_type)
        k = int(np.searchsorted(positions, index, side="right"))
        return self[int(positions[k])] if k < len(positions) else None

    def read_prev_record(self, stream_id: str, record_type, index: int) -> Optional[VRSRecord]:
        """The last record of the stream (of that type) before position `index`, or None."""
        positions = self._stream_positions(stream_id, record_type)
        k = int(np.searchsorted(positions, index, side="left"))
        return self[int(positions[k - 1])] if k > 0 else None

    # --- views ---------------------------------------------------------------------------
    def filtered_by_fields(self, *, stream_ids: Union[Set[str], str, None] = None,
                           record_types: Union[Set[str], str, None] = None,
                           min_timestamp: Optional[float] = None,
                           max_timestamp: Optional[float] = None) -> "FilteredVRSReader":
        """The records of these streams (ids or globs: "1201-*"), record types and inclusive
        time range."""
        selected = self._native.select(
            _as_set(stream_ids), _as_set(record_types),
            -math.inf if min_timestamp is None else float(min_timestamp),
            math.inf if max_timestamp is None else float(max_timestamp))
        if self._indices is not None:
            selected = np.intersect1d(selected, self._indices)
        return FilteredVRSReader(self._native, selected)

    def set_image_conversion(self, conversion) -> None:
        self._native.set_image_conversion(_conversion_name(conversion))

    def set_stream_image_conversion(self, stream_id: str, conversion) -> None:
        self._native.set_stream_image_conversion(stream_id, _conversion_name(conversion))

    def set_stream_type_image_conversion(self, recordable_type_id, conversion) -> int:
        return self._native.set_stream_type_image_conversion(int(recordable_type_id),
                                                             _conversion_name(conversion))

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


class SyncVRSReader(_BaseReader):
    """A VRS file (a path or an http://, https:// or s3:// URL, or the list of its chunks), as
    pyvrs's SyncVRSReader."""

    def __init__(self, path, auto_read_configuration_records: bool = True,
                 encoding: str = "utf-8-safe", multi_path: bool = False) -> None:
        if multi_path:
            raise ValueError("multi_path: use vrsx.MultiReader")
        self.path = path
        self._native = NativeReader([_file_arg(path)], auto_read_configuration_records)
        self._indices = None


class MultiReader(_BaseReader):
    """Several VRS files read as one, their records merged by time (ties: file order)."""

    def __init__(self, paths: Sequence, auto_read_configuration_records: bool = True) -> None:
        if isinstance(paths, (str, os.PathLike)) or not paths:
            raise ValueError("MultiReader needs a list of files")
        self.paths = list(paths)
        self._native = NativeReader([_file_arg(p) for p in paths], auto_read_configuration_records)
        self._indices = None


class FilteredVRSReader(_BaseReader):
    """The records of a reader that filtered_by_fields selected (pyvrs's SyncFilteredVRSReader)."""

    def __init__(self, native: NativeReader, indices: np.ndarray) -> None:
        self._native = native
        self._indices = np.asarray(indices, dtype=np.int64)


SyncFilteredVRSReader = FilteredVRSReader


class VRSReaderSlice(Sequence):
    """A slice of a reader's records."""

    def __init__(self, reader: _BaseReader, positions: range) -> None:
        self._reader = reader
        self._positions = positions

    def __len__(self) -> int:
        return len(self._positions)

    def __getitem__(self, key):
        if isinstance(key, slice):
            return VRSReaderSlice(self._reader, self._positions[key])
        return self._reader[self._positions[key]]

    def __iter__(self):
        for p in self._positions:
            yield self._reader[p]
