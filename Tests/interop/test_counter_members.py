"""collections.Counter's members beyond counting (issue 22): setting a count, update and subtract
by mapping, and the arithmetic `+ - | &` and unary `+ -`, against Python pottery's RedisCounter
(which inherits them from collections.Counter)."""

import collections
import json

from pottery import RedisCounter


def pairs(result) -> list:
    return [tuple(json.loads(line)) for line in result.stdout.decode().splitlines()]


def _counters(r, key):
    c, d = key + ":c", key + ":d"
    left = RedisCounter(redis=r, key=c)
    left.update({"a": 3, "b": 1, "z": 2})
    left["neg"] = -2
    left[json.dumps([1, 2])] = 4  # a string element that looks like JSON
    right = RedisCounter(redis=r, key=d)
    right.update({"b": 5, "a": 1, "new": 2})
    right["z"] = -7
    right["gone"] = -1
    return c, d


def test_arithmetic_agrees_with_collections_counter(r, key, pottery):
    c, d = _counters(r, key)
    python_c, python_d = RedisCounter(redis=r, key=c), RedisCounter(redis=r, key=d)
    expected = {"plus": python_c + python_d, "minus": python_c - python_d, "union": python_c | python_d,
                "intersection": python_c & python_d}
    for verb, counter in expected.items():
        assert pairs(pottery("counter", verb, c, d)) == list(counter.items()), verb
    assert pairs(pottery("counter", "positive", c)) == list((+python_c).items())
    assert pairs(pottery("counter", "negative", c)) == list((-python_c).items())
    # Stored: Python reads the result as the Counter it computes.
    dest = key + ":dest"
    r.hset(dest, '"stale"', 1)
    assert pottery("counter", "minus", c, d, "--into", dest).stdout == f"{len(python_c - python_d)}\n".encode()
    assert collections.Counter(RedisCounter(redis=r, key=dest).to_counter()) == python_c - python_d
    assert pottery("counter", "intersection", c, key + ":none", "--into", dest).stdout == b"0\n"
    assert not r.exists(dest)


def test_set_and_update_by_mapping(r, key, pottery):
    counter = RedisCounter(redis=r, key=key)
    pottery("counter", "set", key, "a", "7")
    pottery("counter", "set", key, "b", "-3")
    assert counter["a"] == 7 and counter["b"] == -3 and r.hget(key, '"a"') == b"7"
    pottery("counter", "update", key, "--counts", '{"a": 1, "c": 2}', '[[1, 2], 5]')
    pottery("counter", "subtract", key, "--counts", "-", stdin=b'["b", 2]\n{"c": 1}\n')
    assert r.hget(key, "[1, 2]") == b"5" and counter["a"] == 8 and counter["b"] == -5 and counter["c"] == 1


def test_a_bad_mapping_anywhere_writes_nothing_with_j(r, key, pottery):
    stdin = b'{"a": 1}\n["b", 2]\n["c", "two"]\n'
    bad = pottery("-j", "counter", "update", key, "--counts", "-", stdin=stdin, check=False)
    assert bad.returncode == 2 and b"line 3" in bad.stderr and not r.exists(key)
