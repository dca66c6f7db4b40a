"""vrsx: read VRS files like pyvrs, and write them from Python.

    import vrsx
    reader = vrsx.SyncVRSReader("capture.vrs")
    for record in reader.filtered_by_fields(stream_ids={"1201-*"}, record_types={"data"}):
        record.metadata_blocks[0]["exposure"], record.image_blocks[0].shape
"""

from ._vrsx import (  # noqa: F401
    NativeReader,
    StreamNotFoundError,
    TimestampNotFoundError,
    VRSRecord,
    VrsError,
    Writer,
    extract_audio_track,
    recordable_type_id_name,
    records_checksum,
    verbatim_checksum,
)
from .reader import (  # noqa: F401
    FilteredVRSReader,
    ImageConversion,
    MultiReader,
    RecordType,
    SyncVRSReader,
    VRSReaderSlice,
)

__all__ = [
    "FilteredVRSReader",
    "ImageConversion",
    "MultiReader",
    "RecordType",
    "StreamNotFoundError",
    "SyncVRSReader",
    "TimestampNotFoundError",
    "VRSReaderSlice",
    "VRSRecord",
    "VrsError",
    "Writer",
    "extract_audio_track",
    "recordable_type_id_name",
    "records_checksum",
    "verbatim_checksum",
]
