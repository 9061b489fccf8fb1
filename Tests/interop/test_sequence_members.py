"""The members of Python's list and deque beyond pushing and popping (issue 22): index, count, in,
reverse, slice assignment with Python's rules, and deque's insert (refused at maxlen), remove, set,
del, index, count, reverse; then CachedOrderedDict.setdefault, a cache without expiry, the clear
verbs of cached-dict and queue, and HyperLogLog.union. Python's own list is the oracle for slice
assignment, in a seeded random walk."""

import json
import random

from pottery import CachedOrderedDict, HyperLogLog, RedisDeque, RedisList, RedisSimpleQueue


def stored(r, key) -> list:
    return [json.loads(item) for item in r.lrange(key, 0, -1)]


def _slice_text(start, stop, step) -> str:
    return ":".join("" if part is None else str(part) for part in (start, stop, step))


def test_slice_assignment_follows_python_lists(r, key, pottery):
    rng = random.Random(22)
    for _ in range(120):
        base = [rng.randint(0, 5) for _ in range(rng.randint(0, 8))]
        r.delete(key)
        if base:
            RedisList(base, redis=r, key=key)
        start, stop = (rng.choice([None, rng.randint(-10, 10)]) for _ in range(2))
        step = rng.choice([None, 1, 2, -1, -2, 3])
        items = [100 + n for n in range(rng.randint(0, 4))]
        oracle = list(base)
        try:
            oracle[slice(start, stop, step)] = items
            allowed = True
        except ValueError:
            allowed = False
        text = _slice_text(start, stop, step)
        text = text if ":" in text else text + ":"
        result = pottery("list", "set", key, text, "-", stdin="".join(f"{n}\n" for n in items).encode(), check=False)
        if allowed:
            assert result.returncode == 0 and stored(r, key) == oracle, (base, text, items)
        else:
            assert result.returncode == 2 and stored(r, key) == base, (base, text, items)


def test_index_count_in_and_reverse_agree_with_python(r, key, pottery):
    items = [1, "a", 2.0, True, None, [1], "a", 1]
    python = RedisList(items, redis=r, key=key)
    for value, text in [(1, "1"), ("a", "a"), (None, "null"), ([1], "[1]"), (3, "3")]:
        got = pottery("list", "index", "-j", key, json.dumps(value), check=False)
        try:
            assert got.stdout == f"{python.index(value)}\n".encode()
        except ValueError:
            assert got.returncode == 1 and got.stdout == b""
        assert pottery("list", "count", "-j", key, json.dumps(value)).stdout == f"{python.count(value)}\n".encode()
        has = pottery("list", "has", "-j", key, json.dumps(value), check=False)
        assert has.returncode == (0 if value in python else 1)
    # index with START and STOP, negative as Python reads them (1 == True == 1.0 there).
    assert pottery("list", "index", key, "1", "1").stdout == f"{items.index(1, 1)}\n".encode()
    assert pottery("list", "index", key, "1", "-2", "-1", check=False).returncode == 1
    r.expire(key, 100)
    pottery("list", "reverse", key)
    assert RedisList(redis=r, key=key).to_list() == items[::-1] and r.ttl(key) > 0


def test_deque_members_agree_with_python(r, key, pottery):
    RedisDeque([1, 2, 3], redis=r, key=key)
    refused = pottery("deque", "insert", key, "1", "x", "--maxlen", "3", check=False)
    assert refused.returncode == 2 and stored(r, key) == [1, 2, 3]
    python = RedisDeque(redis=r, key=key + ":python", maxlen=3)
    python.extend([1, 2, 3])
    try:
        python.insert(1, "x")
        raise AssertionError("Python's deque accepted an insert at maxlen")
    except IndexError:
        pass
    pottery("deque", "insert", key, "1", "x")
    pottery("deque", "set", key, "0", "9")
    pottery("deque", "del", key, "-1")
    pottery("deque", "reverse", key)
    oracle = RedisDeque(redis=r, key=key + ":oracle")
    oracle.extend([1, 2, 3])
    oracle.insert(1, "x")
    oracle[0] = 9
    del oracle[-1]
    oracle.reverse()
    assert stored(r, key) == list(oracle)
    assert pottery("deque", "index", key, "x").stdout == f"{list(oracle).index('x')}\n".encode()
    assert pottery("deque", "count", key, "9").stdout == b"1\n"
    assert pottery("deque", "get", key, "::-1").stdout.decode().split() == [json.dumps(v) for v in list(oracle)[::-1]]
    pottery("deque", "remove", key, "x")
    oracle.remove("x")
    assert stored(r, key) == list(oracle)


def test_cached_dict_setdefault_no_expiry_and_clear(r, key, pottery):
    assert pottery("cached-dict", "setdefault", key, "a", "1").stdout == b"1\n"
    assert pottery("cached-dict", "setdefault", key, "a", "2").stdout == b"1\n"
    again = CachedOrderedDict(redis_client=r, redis_key=key, dict_keys=("a", "b"))
    assert again["a"] == 1 and again.setdefault("a", 5) == 1 and again.misses() == {"b"}
    assert 0 < r.ttl(key) <= 60
    r.persist(key)
    pottery("cached-dict", "set", key, "b", "2", "--ttl", "0")
    assert r.ttl(key) == -1 and CachedOrderedDict(redis_client=r, redis_key=key, dict_keys=("b",))["b"] == 2
    pottery("cached-dict", "clear", key)
    assert not r.exists(key)


def test_queue_clear_and_hll_union(r, key, pottery):
    queue = RedisSimpleQueue(redis=r, key=key)
    queue.put("job")
    pottery("queue", "clear", key)
    assert queue.qsize() == 0 and not r.exists(key)
    a, b, dest = key + ":a", key + ":b", key + ":u"
    HyperLogLog(["x", "y"], redis=r, key=a)
    HyperLogLog(["y", "z"], redis=r, key=b)
    pottery("hll", "union", dest, a, b)
    python = HyperLogLog(redis=r, key=a).union(HyperLogLog(redis=r, key=b), redis=r, key=key + ":python")
    assert r.get(dest) == r.get(key + ":python") and len(python) == 3
