"""Fixtures for the interoperability tests: a real redis-server on a free loopback port, a Python
redis client on it, a private 6-node Redis Cluster, and a way to run the pottery binary against
either."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid

import pytest
import redis
import redis.cluster

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _binary() -> str:
    explicit = os.environ.get("POTTERY_BIN")
    if explicit:
        return explicit
    for build in ("release", "debug"):
        path = os.path.join(ROOT, ".build", build, "pottery")
        if os.path.exists(path):
            return path
    raise RuntimeError("no pottery binary: run 'swift build' first or set POTTERY_BIN")


@pytest.fixture(scope="session")
def server():
    port = _free_port()
    workdir = tempfile.mkdtemp(prefix="pottery-interop-")
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", workdir],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = redis.Redis(host="127.0.0.1", port=port)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("redis-server did not start")
            time.sleep(0.02)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture()
def r(server):
    return redis.Redis.from_url(server)


@pytest.fixture()
def key():
    return "interop:" + uuid.uuid4().hex


class Pottery:
    """Runs the pottery binary against the test server. With `ascii` (the default here) it prints
    the stored text exactly (`-a`), which the interoperability tests compare byte for byte with what
    Python pottery stores; test_output.py checks the default UTF-8 output."""

    def __init__(self, url: str, ascii: bool = True):
        self.url = url
        self.binary = _binary()
        self.ascii = ascii

    def __call__(self, *args: str, stdin: bytes | None = None, check: bool = True):
        flags = ["-a"] if self.ascii else []
        result = subprocess.run([self.binary, "-u", self.url, *flags, *args], input=stdin,
                                capture_output=True, timeout=60)
        if check and result.returncode != 0:
            raise AssertionError(f"pottery {args} exited {result.returncode}: {result.stderr!r}")
        return result


@pytest.fixture()
def pottery(server):
    return Pottery(server)


def _cli(port: int, *args: str, timeout: float = 30) -> str:
    result = subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", str(port), *args], capture_output=True,
                            timeout=timeout)
    return result.stdout.decode(errors="replace") if result.returncode == 0 else ""


def server_version() -> tuple[int, int]:
    """The version of the redis-server on PATH (Redis or Valkey): (7, 0) for `v=7.0.15`.
    scripts/test puts another server first on PATH to run the tests on it."""
    text = subprocess.run(["redis-server", "--version"], capture_output=True, text=True).stdout
    numbers = text.split("v=", 1)[1].split()[0].split(".") if "v=" in text else ["0", "0"]
    return int(numbers[0]), int(numbers[1])


def _start_node(workdir: str) -> tuple[subprocess.Popen, int]:
    """One cluster-enabled redis-server in `workdir`, answering PING; retried on a port taken meanwhile.
    Redis 6.2 has no --cluster-port: its bus is the port + 10000, so a port above 55535 is refused."""
    bus_port = server_version() >= (7, 0)
    for _ in range(4 if bus_port else 12):
        port = _free_port()
        process = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", workdir, "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
             "--cluster-node-timeout", "2000"] + (["--cluster-port", str(_free_port())] if bus_port else []),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while process.poll() is None and time.monotonic() < deadline:
            if _cli(port, "PING").strip() == "PONG":
                return process, port
            time.sleep(0.02)  # between polls of the node's first PONG
        process.kill()
        process.wait()
    raise RuntimeError("a cluster node did not start")


def _cluster_ok(ports: list[int]) -> bool:
    for port in ports:
        info = _cli(port, "CLUSTER", "INFO")
        if ("cluster_state:ok" not in info or "cluster_slots_ok:16384" not in info
                or f"cluster_known_nodes:{len(ports)}" not in info):
            return False
        replication = _cli(port, "INFO", "replication")
        if "role:master" not in replication and "master_link_status:up" not in replication:
            return False
    return True


@pytest.fixture(scope="session")
def cluster():
    """A private Redis Cluster of 6 nodes (3 masters, 3 replicas), each in its own directory; yields
    the nodes' ports. Every node is killed at teardown, whatever happened."""
    processes: list[subprocess.Popen] = []
    workdirs: list[str] = []
    try:
        ports = []
        for _ in range(6):
            workdirs.append(tempfile.mkdtemp(prefix="pottery-interop-cluster-"))
            process, port = _start_node(workdirs[-1])
            processes.append(process)
            ports.append(port)
        create = subprocess.run(
            ["redis-cli", "--cluster", "create", *[f"127.0.0.1:{p}" for p in ports], "--cluster-replicas", "1",
             "--cluster-yes"], capture_output=True, timeout=60)
        if create.returncode != 0:
            raise RuntimeError(f"redis-cli --cluster create failed: {create.stdout!r} {create.stderr!r}")
        deadline = time.monotonic() + 60
        while not _cluster_ok(ports):
            if time.monotonic() > deadline:
                raise RuntimeError("the cluster did not reach cluster_state:ok")
            time.sleep(0.05)  # between polls of the cluster's gossip
        yield ports
    finally:
        for process in processes:
            process.kill()
        for process in processes:
            process.wait(timeout=10)
        for workdir in workdirs:
            shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture()
def rc(cluster):
    """A redis-py cluster client, started from the first node."""
    client = redis.cluster.RedisCluster(host="127.0.0.1", port=cluster[0])
    yield client
    client.close()


@pytest.fixture()
def cluster_pottery(cluster):
    """The pottery binary pointed at one node of the cluster (the last: any node will do)."""
    return Pottery(f"redis://127.0.0.1:{cluster[-1]}/0")
