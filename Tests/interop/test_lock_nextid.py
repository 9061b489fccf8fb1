"""Python pottery's Redlock, synchronize and NextID share redlock:KEY and nextid:KEY with pottery's
lock and nextid: each excludes the other, and ids interleave without duplicates."""

import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from pottery import NextID, Redlock

import conftest


def test_python_redlock_excludes_pottery_and_back(r, key, pottery):
    lock = Redlock(key=key, masters={r}, auto_release_time=30)
    assert lock.acquire(blocking=False)
    assert r.get("redlock:" + key).decode() == lock._uuid
    assert pottery("lock", "acquire", key, "--nowait", check=False).returncode == 1
    assert pottery("lock", "run", key, "--nowait", "--", "true", check=False).returncode == 75
    status = pottery("lock", "status", key)
    assert status.stdout.startswith(b'{"locked": true, "ttl_ms": ')
    # Python's token releases through pottery's compare-and-delete.
    assert pottery("lock", "release", key, lock._uuid).returncode == 0
    assert not lock.locked()

    token = pottery("lock", "acquire", key, "--ttl", "30").stdout.decode().strip()
    other = Redlock(key=key, masters={r})
    assert not other.acquire(blocking=False)
    assert r.get("redlock:" + key).decode() == token
    pottery("lock", "release", key, token)
    assert other.acquire(blocking=False)
    other.release()


def test_python_synchronize_and_lock_run_never_overlap(server, key, pottery, tmp_path):
    counter = tmp_path / "counter"
    counter.write_text("0")
    python = textwrap.dedent(f"""
        import sys, time, redis
        from pottery import synchronize
        r = redis.Redis.from_url({server!r})
        @synchronize(key={key!r}, masters={{r}}, auto_release_time=10)
        def step():
            n = int(open({str(counter)!r}).read())
            time.sleep(0.01)
            open({str(counter)!r}, "w").write(str(n + 1))
        for _ in range(10):
            step()
        """)
    step = 'n=$(cat "$1"); sleep 0.01; echo $((n + 1)) > "$1"'
    shell = (f'for i in 1 2 3 4 5 6 7 8 9 10; do "$0" -u {server} lock run {key} -- sh -c \'{step}\' sh "$1" '
             '|| exit 1; done')
    workers = [subprocess.Popen([sys.executable, "-c", python]) for _ in range(3)]
    workers += [subprocess.Popen(["/bin/sh", "-c", shell, pottery.binary, str(counter)]) for _ in range(3)]
    assert [w.wait(timeout=120) for w in workers] == [0] * 6
    assert counter.read_text().strip() == "60"


def test_python_nextid_and_pottery_interleave_without_duplicates(r, key, pottery):
    ids = NextID(key=key, masters={r})
    seen = [next(ids), int(pottery("nextid", "next", key).stdout), next(ids)]
    assert seen == [1, 2, 3]
    assert pottery("nextid", "next", key, "--count", "3").stdout == b"4\n5\n6\n"
    assert next(ids) == 7
    assert int(pottery("nextid", "current", key).stdout) == 7
    assert r.get("nextid:" + key) == b"7"

    def python_side(_):
        generator = NextID(key=key, masters={r}, num_tries=50)
        return [next(generator) for _ in range(30)]

    def pottery_side(_):
        return [int(line) for line in pottery("nextid", "next", key, "--count", "3").stdout.split()
                for _ in [0]] + [int(pottery("nextid", "next", key).stdout) for _ in range(10)]

    with ThreadPoolExecutor(max_workers=4) as pool:
        batches = list(pool.map(python_side, range(2))) + list(pool.map(pottery_side, range(2)))
    everything = [i for batch in batches for i in batch]
    assert len(everything) == 60 + 2 * 13
    assert len(set(everything)) == len(everything)
    assert min(everything) > 7
    pottery("nextid", "reset", key)
    assert r.get("nextid:" + key) is None
    ids.reset()
    assert next(ids) == 1


@pytest.fixture()
def three_masters(server):
    """The session's server and two more: three masters of one quorum."""
    processes, urls, workdirs = [], [server], []
    for _ in range(2):
        port = conftest._free_port()
        workdir = tempfile.mkdtemp(prefix="pottery-interop-")
        processes.append(subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", workdir], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        urls.append(f"redis://127.0.0.1:{port}/0")
        workdirs.append(workdir)
    clients = [redis.Redis.from_url(url) for url in urls]
    deadline = time.monotonic() + 10
    for client in clients:
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.02)
    yield urls, clients
    for process in processes:
        process.terminate()
        process.wait(timeout=10)
    for workdir in workdirs:
        shutil.rmtree(workdir, ignore_errors=True)


def test_three_masters_shared_with_python(three_masters, key, pottery):
    urls, clients = three_masters
    masters = []
    for url in urls:
        masters += ["--master", url]
    lock = Redlock(key=key, masters=set(clients), auto_release_time=30)
    assert lock.acquire(blocking=False)
    assert pottery("lock", "acquire", key, "--nowait", *masters, check=False).returncode == 1
    assert pottery("lock", "status", key, *masters).stdout.startswith(b'{"locked": true')
    lock.release()
    token = pottery("lock", "acquire", key, *masters).stdout.decode().strip()
    # A quorum holds our token (Python's release may still be reaching its last master).
    assert [c.get("redlock:" + key) for c in clients].count(token.encode()) >= 2
    assert not Redlock(key=key, masters=set(clients)).acquire(blocking=False)
    pottery("lock", "release", key, token, *masters)

    ids = NextID(key=key, masters=set(clients))
    got = [next(ids), int(pottery("nextid", "next", key, *masters).stdout), next(ids)]
    assert got == [1, 2, 3]
    # Python's NextID returns once a quorum set the id (the last master may still lag behind).
    assert [c.get("nextid:" + key) for c in clients].count(b"3") >= 2
