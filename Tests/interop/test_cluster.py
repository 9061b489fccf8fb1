"""Python pottery through redis-py's RedisCluster and pottery on the same 6-node cluster.

Python pottery 3.0.1 reaches `redis.connection_pool`, which RedisCluster has not, in most bulk and
transactional paths (update, deque and list indexing, BloomFilter, HyperLogLog, CachedOrderedDict,
RedisSimpleQueue.get: AttributeError, pottery#733). What it does support on a cluster is checked
here against pottery, on keys of all three masters: RedisDict item assignment and reads, RedisSet
add and reads, RedisList append/extend, RedisCounter item assignment, RedisSimpleQueue.put, NextID
and Redlock."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid

import pytest
from redis.cluster import RedisCluster
from pottery import NextID, Redlock, RedisCounter, RedisDict, RedisList, RedisSet, RedisSimpleQueue

import conftest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cluster_ok(port: int) -> bool:
    result = subprocess.run(["redis-cli", "-p", str(port), "CLUSTER", "INFO"], capture_output=True, timeout=10)
    text = result.stdout.decode()
    return "cluster_state:ok" in text and "cluster_known_nodes:6" in text


@pytest.fixture(scope="module")
def cluster():
    """Six cluster-enabled redis-servers made one cluster (3 masters, 3 replicas); their ports."""
    workdir = tempfile.mkdtemp(prefix="pottery-interop-cluster-")
    processes, ports = [], []
    try:
        for index in range(6):
            port = _free_port()
            directory = os.path.join(workdir, str(index))
            os.mkdir(directory)
            processes.append(subprocess.Popen(
                ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                 "--dir", directory, "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                 "--cluster-node-timeout", "2000", "--cluster-port", str(_free_port())],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            ports.append(port)
        deadline = time.monotonic() + 20
        for port in ports:
            while subprocess.run(["redis-cli", "-p", str(port), "PING"], capture_output=True).stdout != b"PONG\n":
                if time.monotonic() > deadline:
                    raise RuntimeError(f"cluster node {port} did not start")
                time.sleep(0.02)
        subprocess.run(["redis-cli", "--cluster", "create", *[f"127.0.0.1:{p}" for p in ports],
                        "--cluster-replicas", "1", "--cluster-yes"], check=True, capture_output=True, timeout=60)
        deadline = time.monotonic() + 40
        while not all(_cluster_ok(port) for port in ports):
            if time.monotonic() > deadline:
                raise RuntimeError("cluster not ok within 40 s")
            time.sleep(0.05)
        yield ports
    finally:
        for process in processes:
            process.kill()
            process.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture()
def rc(cluster):
    client = RedisCluster(host="127.0.0.1", port=cluster[0])
    yield client
    client.close()


@pytest.fixture()
def pottery(cluster):
    """pottery with -u naming the second node (not the one Python was given)."""
    return conftest.Pottery(f"redis://127.0.0.1:{cluster[1]}/0")


def keys_on_every_master(rc: RedisCluster, stored=lambda key: key) -> list[str]:
    """One fresh key per master (by where `stored(key)` lives)."""
    base, found, index = "interop:" + uuid.uuid4().hex, {}, 0
    while len(found) < 3:
        key = f"{base}:{index}"
        index += 1
        node = rc.nodes_manager.get_node_from_slot(rc.keyslot(stored(key)))
        found.setdefault(node.port, key)
    return [found[port] for port in sorted(found)]


def test_python_pottery_bulk_paths_cannot_use_a_cluster(rc):
    # The limitation (pottery#733) that makes the CLI the way to reach these on a cluster.
    with pytest.raises(AttributeError):
        RedisDict(redis=rc, key="interop:" + uuid.uuid4().hex).update({"a": 1})


def test_containers_written_by_python_are_read_by_pottery_and_back(rc, pottery):
    for key in keys_on_every_master(rc):
        d = RedisDict(redis=rc, key=key + ":d")
        d["name"] = "jack"
        d[4098] = {"b": [1.5], "a": None}
        assert pottery("dict", "get", key + ":d", "4098").stdout == b'{"a": null, "b": [1.5]}\n'
        assert pottery("dict", "get", key + ":d", "name", "-r").stdout == b"jack\n"
        pottery("dict", "set", key + ":d", "zip", "02139")
        assert d["zip"] == "02139" and len(d) == 3

        s = RedisSet(redis=rc, key=key + ":s")
        s.add("a")
        s.add(2)
        assert pottery("set", "has", key + ":s", "2").stdout == b"true\n"
        pottery("set", "add", key + ":s", "b")
        assert set(s) == {"a", 2, "b"}

        items = RedisList(redis=rc, key=key + ":l")
        items.extend(["a", 2])
        items.append({"x": 1})
        assert pottery("list", "items", key + ":l").stdout == b'"a"\n2\n{"x": 1}\n'
        pottery("list", "append", key + ":l", "tail")
        assert len(items) == 4

        counter = RedisCounter(redis=rc, key=key + ":c")
        counter["a"] = 2
        assert pottery("counter", "incr", key + ":c", "a", "3").stdout == b"5\n"
        assert counter["a"] == 5


def test_queue_put_by_python_and_by_pottery(rc, pottery):
    for key in keys_on_every_master(rc):
        queue = RedisSimpleQueue(redis=rc, key=key)
        for item in ["jack", {"b": 1, "a": [2.5]}, 4098]:
            queue.put(item)
        pottery("queue", "put", key, "02139")
        assert pottery("queue", "size", key).stdout == b"4\n"
        assert queue.qsize() == 4
        got = pottery("queue", "get", key, "--follow", "--nowait").stdout
        assert got == b'"jack"\n{"a": [2.5], "b": 1}\n4098\n"02139"\n'


def test_nextid_sequence_is_shared(rc, pottery):
    for key in keys_on_every_master(rc, lambda key: "nextid:" + key):
        ids = NextID(key=key, masters={rc})
        assert next(ids) == 1
        assert pottery("nextid", "next", key, "--master", pottery.url, "--count", "2").stdout == b"2\n3\n"
        assert next(ids) == 4
        assert pottery("nextid", "current", key, "--master", pottery.url).stdout == b"4\n"
        assert rc.get("nextid:" + key) == b"4"


def test_redlock_excludes_both_ways(rc, pottery):
    for key in keys_on_every_master(rc, lambda key: "redlock:" + key):
        lock = Redlock(key=key, masters={rc}, auto_release_time=30)
        assert lock.acquire(blocking=False)
        master = ["--master", pottery.url]
        assert pottery("lock", "acquire", key, "--nowait", *master, check=False).returncode == 1
        assert pottery("lock", "status", key, *master).stdout.startswith(b'{"locked": true, "ttl_ms": ')
        assert pottery("lock", "release", key, lock._uuid, *master).returncode == 0
        assert not lock.locked()
        token = pottery("lock", "acquire", key, "--ttl", "30", *master).stdout.decode().strip()
        other = Redlock(key=key, masters={rc})
        assert not other.acquire(blocking=False)
        assert rc.get("redlock:" + key).decode() == token
        pottery("lock", "release", key, token, *master)
        assert other.acquire(blocking=False)
        other.release()
