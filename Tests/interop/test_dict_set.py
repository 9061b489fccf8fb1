"""What Python pottery writes, pottery reads exactly, and the other way round, for RedisDict and
RedisSet. Python's json module is the oracle for the encoding."""

import json
import math

from pottery import RedisDict, RedisSet

from values import HASHABLE, TRICKY


def enc(value) -> str:
    return json.dumps(value, sort_keys=True)


def same(a, b) -> bool:
    """Equality that also tells -0.0 from 0.0 and lets NaN equal itself, via the canonical text."""
    return enc(a) == enc(b)


def ndjson(result) -> list:
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def test_python_dict_is_read_by_pottery(r, key, pottery):
    d = RedisDict(redis=r, key=key)
    for index, field in enumerate(HASHABLE):
        d[field] = TRICKY[-(index + 1)]
    for index, field in enumerate(HASHABLE):
        got = pottery("dict", "get", "-j", key, enc(field)).stdout
        assert got == (enc(TRICKY[-(index + 1)]) + "\n").encode(), field
    items = ndjson(pottery("dict", "items", key))
    assert sorted(enc(k) + enc(v) for k, v in items) == sorted(enc(k) + enc(v) for k, v in d.items())
    assert int(pottery("dict", "len", key).stdout) == len(d)


def test_pottery_dict_is_read_by_python(r, key, pottery):
    for index, field in enumerate(HASHABLE):
        value = TRICKY[index % len(TRICKY)]
        pottery("dict", "set", "-j", key, enc(field), enc(value))
    d = RedisDict(redis=r, key=key)
    assert len(d) == len(HASHABLE)
    for index, field in enumerate(HASHABLE):
        assert same(d[field], TRICKY[index % len(TRICKY)]), field
    # The bytes in Redis are exactly what Python pottery would have written.
    raw = r.hgetall(key)
    for field in HASHABLE:
        assert enc(field).encode() in raw


def test_auto_mode_values_are_read_by_python(r, key, pottery):
    pottery("dict", "set", key, "name", "jack", "zip", "02139", "n", "4098", "quoted", '"4098"', "ok", "true",
            "obj", '{"b": 1, "a": 2}', "float", "1e3")
    d = RedisDict(redis=r, key=key)
    assert d.to_dict() == {"name": "jack", "zip": "02139", "n": 4098, "quoted": "4098", "ok": True,
                           "obj": {"a": 2, "b": 1}, "float": 1000.0}
    assert r.hget(key, '"obj"') == b'{"a": 2, "b": 1}'


def test_dict_update_from_stdin_is_read_by_python(r, key, pottery):
    lines = [enc([k, v]) for k, v in zip(HASHABLE, TRICKY)] + [enc({"from": "object", "x": [1]})]
    pottery("dict", "update", key, "-", stdin=("\n".join(lines) + "\n").encode())
    d = RedisDict(redis=r, key=key)
    for k, v in zip(HASHABLE, TRICKY):
        assert same(d[k], v)
    assert d["from"] == "object" and d["x"] == [1]


def test_python_set_is_read_by_pottery(r, key, pottery):
    members = [v for v in HASHABLE if not (isinstance(v, float) and math.isnan(v))]
    s = RedisSet(members, redis=r, key=key)
    got = ndjson(pottery("set", "members", key))
    assert sorted(enc(v) for v in got) == sorted(r_.decode() for r_ in r.smembers(key))
    for member in members:
        result = pottery("set", "has", "-j", key, enc(member), check=False)
        assert result.returncode == 0 and result.stdout == b"true\n", member
    assert int(pottery("set", "len", key).stdout) == len(s)


def test_pottery_set_is_read_by_python(r, key, pottery):
    members = HASHABLE + [[1, 2], {"a": 1}]
    pottery("set", "add", "-j", key, *[enc(m) for m in members])
    raw = {m.decode() for m in r.smembers(key)}
    assert raw == {enc(m) for m in members}
    s = RedisSet(redis=r, key=key)
    for member in HASHABLE:
        assert member in s, member


def test_set_add_from_stdin_is_read_by_python(r, key, pottery):
    lines = "\n".join(enc(m) for m in HASHABLE) + "\n"
    pottery("set", "add", "-j", key, "-", stdin=lines.encode())
    assert {m.decode() for m in r.smembers(key)} == {enc(m) for m in HASHABLE}


def test_set_algebra_agrees_with_python(r, key, pottery):
    a = RedisSet(range(0, 300), redis=r, key=key + ":a")
    b = RedisSet(range(200, 500), redis=r, key=key + ":b")
    c = RedisSet(range(250, 260), redis=r, key=key + ":c")
    for verb, expected in [("union", a.union(b, c)), ("intersection", a.intersection(b, c)),
                           ("difference", a.difference(b, c))]:
        got = ndjson(pottery("set", verb, key + ":a", key + ":b", key + ":c"))
        assert len(got) == len(set(got)), verb
        assert set(got) == set(expected), verb
    assert pottery("set", "issubset", key + ":c", key + ":b", check=False).returncode == 0
    assert pottery("set", "issuperset", key + ":c", key + ":b", check=False).returncode == 1
    assert pottery("set", "isdisjoint", key + ":a", key + ":c", check=False).returncode == 1
