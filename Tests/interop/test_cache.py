"""cache run's stored format, read from Python as the README documents it, and the hash at KEY shared
with Python pottery's redis_cache (currsize, clear, expiry)."""

import hashlib
import os

from pottery import redis_cache


def ns(b: bytes) -> bytes:
    return b"%d:%s," % (len(b), b)


def field(argv, stdin=None) -> str:
    message = ns(b"pottery-cache-1") + ns(b"%d" % len(argv)) + b"".join(map(ns, argv))
    return hashlib.sha256(message + (ns(stdin) if stdin is not None else b"")).hexdigest()


def test_entries_follow_the_documented_format(pottery, r, key, tmp_path):
    data = bytes(range(256)) * 3
    path = tmp_path / "bytes"
    path.write_bytes(data)
    out = pottery("cache", "run", key, "--", "cat", str(path)).stdout
    assert out == data
    assert r.hget(key, field([b"cat", str(path).encode()])) == b"0\n" + data
    # A failure stored with --cache-failures keeps its status; --stdin keys on the input's bytes.
    result = pottery("cache", "run", key, "--cache-failures", "--", "sh", "-c", "printf x; exit 7", check=False)
    assert result.returncode == 7
    assert r.hget(key, field([b"sh", b"-c", b"printf x; exit 7"])) == b"7\nx"
    pottery("cache", "run", key, "--stdin", "--", "cat", stdin=b"\xff\x00in")
    assert r.hget(key, field([b"cat"], b"\xff\x00in")) == b"0\n\xff\x00in"
    # An entry another program writes in the same format is a hit.
    r.hset(key, field([b"false"]), b"0\nfrom python\n")
    assert pottery("cache", "run", key, "--", "false").stdout == b"from python\n"
    assert r.hgetall(f"{{{key}}}:cache-stats") == {b"hits": b"1", b"misses": b"3", b"ttl": b"60000"}


def test_shares_the_hash_with_python_redis_cache(pottery, r, key):
    @redis_cache(redis=r, key=key, timeout=60)
    def double(n):
        return n * 2

    assert double(21) == 42
    pottery("cache", "run", key, "--", "echo", "shell")
    assert double.cache_info().currsize == 2
    assert pottery("cache", "stats", key).stdout == b'{"hits": 0, "misses": 1, "currsize": 2, "ttl": 60}\n'
    assert 0 < r.ttl(key) <= 60
    double.cache_clear()
    assert pottery("cache", "stats", key).stdout == b'{"hits": 0, "misses": 1, "currsize": 0, "ttl": 60}\n'
    assert double(4) == 8
    pottery("cache", "clear", key)
    assert double.cache_info().currsize == 0
    assert not r.exists(key) and not r.exists(f"{{{key}}}:cache-stats")
