"""vrsx.dask on a dask.distributed LocalCluster with worker processes: the same rows as a
single-process read."""

import pytest

import vrsx

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")
import vrsx.dask as vd  # noqa: E402


def write_capture(path, offset, records=300):
    with vrsx.Writer(str(path), compression="zfast") as writer:
        imu = writer.add_stream(300, flavor="imu", records={
            "data": [{"counter": "uint32", "accel": "point3df", "temperature": "double"}]})
        cam = writer.add_stream(1201, flavor="cam", records={
            "data": [{"exposure": "float"}, "image/raw/8x4/pixel=grey8"]})
        for i in range(records):
            t = offset + i * 0.01
            writer.add_record(imu, "data", t, [{"counter": i, "accel": (i, -i, 0.5),
                                                "temperature": 20 + i / 8}])
            if i % 10 == 0:
                writer.add_record(cam, "data", t + 0.001, [{"exposure": i / 4}, bytes(32)])


@pytest.fixture(scope="module")
def captures(tmp_path_factory):
    folder = tmp_path_factory.mktemp("captures")
    paths = []
    for k in range(3):
        path = folder / f"capture{k}.vrs"
        write_capture(path, offset=100.0 * k, records=200 + 50 * k)
        paths.append(str(path))
    return paths


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                       dashboard_address=None)
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


def key(row):
    return (row["file"], row["timestamp"], row["stream_id"])


def test_plan_covers_every_record_once(captures):
    plan = vd.plan_partitions(captures, partitions_per_file=4)
    assert len(plan) == 12
    rows = [r for p in plan for r in vd.read_partition(p)]
    assert sorted(rows, key=key) == sorted(vd.read_records(captures), key=key)
    assert len(rows) == sum(200 + 50 * k + (200 + 50 * k) // 10 for k in range(3))


def test_bag_on_local_cluster_equals_single_process(captures, client):
    bag = vd.read_bag(captures, stream_ids={"300-*"}, partitions_per_file=3)
    assert bag.npartitions == 9
    distributed_rows = bag.compute()
    expected = vd.read_records(captures, stream_ids={"300-*"})
    assert sorted(distributed_rows, key=key) == sorted(expected, key=key)
    assert sum(bag.pluck("counter").compute()) == sum(r["counter"] for r in expected)
    # The workers did the reading: more than one process took part.
    workers = client.run(lambda: __import__("os").getpid())
    assert len(set(workers.values())) == 2


def test_dataframe_on_local_cluster_equals_single_process(captures, client):
    frame = vd.read_dataframe(captures, partitions_per_file=2)
    assert frame.npartitions == 6
    result = frame.compute().sort_values(["file", "timestamp", "stream_id"]).reset_index(drop=True)
    expected = pd.DataFrame(vd.read_records(captures), columns=list(frame.columns))
    expected = expected.sort_values(["file", "timestamp", "stream_id"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(result, expected, check_dtype=False)
    means = frame[frame.stream_id == "300-1"].groupby("file").temperature.mean().compute()
    assert len(means) == 3
    assert set(frame.columns) >= {"counter", "accel", "temperature", "exposure", "timestamp"}
