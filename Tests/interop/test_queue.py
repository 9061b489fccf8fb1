"""RedisSimpleQueue: items Python pottery puts, pottery gets, in order, and the other way round; and
consumers of both kinds on one queue receive every item exactly once."""

import json
import os
import subprocess
import sys

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
out = open(sys.argv[3], "w")
while True:
    try:
        out.write(repr(q.get(timeout=1)) + "\\n")
    except QueueEmptyError:
        break
out.close()
"""


def test_four_consumers_of_both_kinds_receive_each_item_once(r, key, pottery, server, tmp_path):
    pottery("queue", "put", key, "-", stdin="".join(f"{i}\n" for i in range(1000)).encode())
    consumers = []
    for index in range(2):
        consumers.append(subprocess.Popen(
            [sys.executable, "-c", PYTHON_CONSUMER, server, key, str(tmp_path / f"py{index}")]))
    script = f'while "$P" -u "$U" queue get --nowait "$K"; do :; done > "{tmp_path}/pot0"'
    env = {**os.environ, "P": pottery.binary, "U": server, "K": key}
    consumers.append(subprocess.Popen(["bash", "-c", script], env=env))
    with open(tmp_path / "pot1", "wb") as out:
        consumers.append(subprocess.Popen(
            [pottery.binary, "-u", server, "queue", "get", "--follow", "--timeout", "1", key], stdout=out))
    for consumer in consumers:
        assert consumer.wait(timeout=300) in (0, 1)
    received = []
    for name in ("py0", "py1", "pot0", "pot1"):
        received += [int(line) for line in (tmp_path / name).read_text().splitlines()]
    assert sorted(received) == list(range(1000))
    assert r.xlen(key) == 0
