"""RedisSimpleQueue: items Python pottery puts, pottery gets, in order, and the other way round; and
consumers of both kinds on one queue receive every item exactly once."""

import json
import os
import subprocess
import sys
import time

from pottery import RedisSimpleQueue
from pottery.exceptions import QueueEmptyError

from values import TRICKY


def enc(value) -> str:
    return json.dumps(value, sort_keys=True)


def test_python_puts_pottery_gets(r, key, pottery):
    q = RedisSimpleQueue(redis=r, key=key)
    for value in TRICKY:
        q.put(value)
    for value in TRICKY[:5]:
        assert pottery("queue", "get", "--nowait", key).stdout == (enc(value) + "\n").encode()
    rest = pottery("queue", "get", "--follow", "--nowait", key).stdout.decode().splitlines()
    assert rest == [enc(value) for value in TRICKY[5:]]
    assert q.qsize() == 0 and q.empty()
    assert pottery("queue", "get", "--nowait", key, check=False).returncode == 1


def test_pottery_puts_python_gets(r, key, pottery):
    pottery("queue", "put", "-j", key, *map(enc, TRICKY[:10]))
    pottery("queue", "put", key, "-", stdin=("\n".join(map(enc, TRICKY[10:])) + "\n").encode())
    q = RedisSimpleQueue(redis=r, key=key)
    assert q.qsize() == len(TRICKY)
    assert int(pottery("queue", "size", key).stdout) == len(TRICKY)
    for value in TRICKY:
        assert enc(q.get(timeout=1)) == enc(value)
    assert pottery("queue", "empty", key, check=False).stdout == b"true\n"


PYTHON_CONSUMER = """
import sys, redis
from pottery import RedisSimpleQueue
from pottery.exceptions import QueueEmptyError
q = RedisSimpleQueue(redis=redis.Redis.from_url(sys.argv[1]), key=sys.argv[2])
open(sys.argv[3] + ".ready", "w").close()
out = open(sys.argv[3], "w")
while True:
    try:
        out.write(repr(q.get(timeout=3)) + "\\n")
        out.flush()
    except QueueEmptyError:
        break
out.close()
"""


def test_four_consumers_of_both_kinds_receive_each_item_once(r, key, pottery, server, tmp_path):
    """Two Python consumers wait on one empty queue; 1,000 items are put, and two pottery consumers
    (a process per get) join in. Every item arrives exactly once, and both kinds get some."""
    consumers = []
    for index in range(2):
        consumers.append(subprocess.Popen(
            [sys.executable, "-c", PYTHON_CONSUMER, server, key, str(tmp_path / f"py{index}")]))
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"py{index}.ready").exists() for index in range(2)):
        assert time.monotonic() < deadline, "the Python consumers did not start"
        time.sleep(0.01)
    pottery("queue", "put", key, "-", stdin="".join(f"{i}\n" for i in range(1000)).encode())
    env = {**os.environ, "P": pottery.binary, "U": server, "K": key}
    for index, option in enumerate(("--timeout", "--wait")):
        script = f'while "$P" -u "$U" queue get {option} 3 "$K"; do :; done > "{tmp_path}/pot{index}"'
        consumers.append(subprocess.Popen(["bash", "-c", script], env=env))
    for consumer in consumers:
        assert consumer.wait(timeout=300) in (0, 1)
    received, by_kind = [], {"py": 0, "pot": 0}
    for name in ("py0", "py1", "pot0", "pot1"):
        got = [int(line) for line in (tmp_path / name).read_text().splitlines()]
        by_kind[name[:-1]] += len(got)
        received += got
    assert sorted(received) == list(range(1000))
    assert by_kind["py"] > 0 and by_kind["pot"] > 0, by_kind
    assert r.xlen(key) == 0
