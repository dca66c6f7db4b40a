"""Many VRS files as a Dask bag or DataFrame, partitioned by file and time range.

    import vrsx.dask
    bag = vrsx.dask.read_bag(paths, stream_ids={"1201-*"}, partitions_per_file=4)
    frame = vrsx.dask.read_dataframe(paths, record_types={"data"})   # one row per record
    frame.groupby("stream_id").exposure.mean().compute()

Partitions are planned on the client from the files' indexes (no record is read there); workers
open the files themselves, so the paths must be readable by every worker.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Dict, Iterable, List, Optional, Sequence

import numpy as np

from .reader import SyncVRSReader

BASE_COLUMNS = ["file", "stream_id", "record_type", "timestamp", "record_index", "format_version"]


@dataclasses.dataclass(frozen=True)
class Partition:
    """The records of one file selected by the filters, with min_time <= t < max_time (t <=
    max_time for the file's last partition)."""

    path: str
    min_time: float
    max_time: float
    last: bool
    stream_ids: Optional[tuple]
    record_types: Optional[tuple]


def _as_tuple(value) -> Optional[tuple]:
    if value is None:
        return None
    if isinstance(value, str):
        return (value,)
    return tuple(sorted(value))


def _filtered(reader, stream_ids, record_types, min_time=None, max_time=None):
    return reader.filtered_by_fields(
        stream_ids=set(stream_ids) if stream_ids else None,
        record_types=set(record_types) if record_types else None,
        min_timestamp=min_time, max_timestamp=max_time)


def plan_partitions(paths: Sequence, stream_ids=None, record_types=("data",),
                    partitions_per_file: int = 1) -> List[Partition]:
    """Splits each file's selected records into up to `partitions_per_file` time ranges of about
    as many records each (never splitting records of one timestamp)."""
    if partitions_per_file < 1:
        raise ValueError("partitions_per_file must be >= 1")
    stream_ids, record_types = _as_tuple(stream_ids), _as_tuple(record_types)
    plan = []
    for path in paths:
        path = str(path)
        times = np.asarray(_filtered(SyncVRSReader(path), stream_ids, record_types)
                           .get_timestamp_list())
        if len(times) == 0:
            continue
        cuts = sorted({float(times[int(len(times) * k / partitions_per_file)])
                       for k in range(1, partitions_per_file)} - {float(times[0])})
        bounds = [float(times[0])] + cuts + [float(times[-1])]
        for k in range(len(bounds) - 1):
            plan.append(Partition(path, bounds[k], bounds[k + 1], k == len(bounds) - 2,
                                  stream_ids, record_types))
    return plan


def _metadata_columns(record) -> Dict[str, object]:
    """Metadata fields as columns: the label, prefixed with the block number from the second
    block on."""
    columns = {}
    for b, block in enumerate(record.metadata_blocks):
        for label, value in block.items():
            columns[label if b == 0 else f"{b}.{label}"] = value
    return columns


def record_row(path: str, record, images: bool = False) -> Dict[str, object]:
    row = {"file": path, "stream_id": record.stream_id, "record_type": record.record_type,
           "timestamp": record.timestamp, "record_index": record.record_index,
           "format_version": record.format_version}
    row.update(_metadata_columns(record))
    if images:
        row["images"] = list(record.image_blocks)
    return row


def read_partition(partition: Partition, images: bool = False) -> List[Dict[str, object]]:
    """One row (dict) per record of the partition, in file order."""
    reader = SyncVRSReader(partition.path)
    selected = _filtered(reader, partition.stream_ids, partition.record_types,
                         partition.min_time, partition.max_time)
    rows = []
    for record in selected:
        if not partition.last and record.timestamp >= partition.max_time:
            break
        rows.append(record_row(partition.path, record, images))
    return rows


def read_bag(paths: Sequence, stream_ids=None, record_types=("data",),
             partitions_per_file: int = 1, images: bool = False):
    """A dask.bag of one dict per record (see record_row)."""
    import dask.bag as db
    from dask import delayed

    plan = plan_partitions(paths, stream_ids, record_types, partitions_per_file)
    return db.from_delayed([delayed(read_partition)(p, images) for p in plan])


def _frame(rows: Iterable[Dict[str, object]], columns: List[str]):
    import pandas as pd

    return pd.DataFrame(list(rows), columns=columns)


def read_dataframe(paths: Sequence, stream_ids=None, record_types=("data",),
                   partitions_per_file: int = 1):
    """A dask.dataframe with one row per record: BASE_COLUMNS then the metadata fields of every
    selected stream (missing ones are NaN)."""
    import dask.dataframe as dd
    from dask import delayed

    plan = plan_partitions(paths, stream_ids, record_types, partitions_per_file)
    if not plan:
        raise ValueError("no record selected in these files")
    # The columns and their types, from the first record of each stream and record type.
    samples, seen = [], set()
    for path in dict.fromkeys(p.path for p in plan):
        reader = _filtered(SyncVRSReader(path), _as_tuple(stream_ids), _as_tuple(record_types))
        for stream in sorted(reader.stream_ids):
            for record_type in ("configuration", "state", "data"):
                key = (stream, record_type)
                if key in seen:
                    continue
                part = reader.filtered_by_fields(stream_ids={stream}, record_types={record_type})
                if len(part):
                    seen.add(key)
                    samples.append(record_row(path, part[0]))
    columns = list(BASE_COLUMNS)
    for row in samples:
        columns += [c for c in row if c not in columns]
    meta = _frame(samples, columns).iloc[:0]
    parts = [delayed(_frame)(delayed(read_partition)(p), columns) for p in plan]
    return dd.from_delayed(parts, meta=meta)


def read_records(paths: Sequence, stream_ids=None, record_types=("data",)) -> List[Dict]:
    """The rows read_bag holds, read in this process (the reference for distributed reads)."""
    rows = []
    for partition in plan_partitions(paths, stream_ids, record_types, 1):
        rows += read_partition(partition)
    return rows
