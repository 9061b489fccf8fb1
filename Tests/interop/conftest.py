"""Fixtures for the interoperability tests: a real redis-server on a free loopback port, a Python
redis client on it, and a way to run the pottery binary against it."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid

import pytest
import redis

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
    """Runs the pottery binary against the test server."""

    def __init__(self, url: str):
        self.url = url
        self.binary = _binary()

    def __call__(self, *args: str, stdin: bytes | None = None, check: bool = True):
        result = subprocess.run([self.binary, "-u", self.url, *args], input=stdin, capture_output=True,
                                timeout=60)
        if check and result.returncode != 0:
            raise AssertionError(f"pottery {args} exited {result.returncode}: {result.stderr!r}")
        return result


@pytest.fixture()
def pottery(server):
    return Pottery(server)
