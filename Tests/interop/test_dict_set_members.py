"""The members of Python's dict and set that read and write in one step (issue 22): pottery's
`dict pop`, `setdefault`, `popitem`, `get` of several fields, and the set algebra that stores
(`update`, `difference-update`, `intersection-update`, the symmetric ones, `--into`, `--values`),
against Python pottery 3.0.1 where it has the member, and against Python's own set where it raises
NotImplementedError (intersection_update and the symmetric ones)."""

import json
import subprocess
import uuid

from pottery import RedisDict, RedisSet

from conftest import _binary
from values import HASHABLE, TRICKY


def enc(value) -> str:
    return json.dumps(value, sort_keys=True)


def decoded(result) -> list:
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def members(r, key) -> list:
    return sorted(m.decode() for m in r.smembers(key))


def test_dict_pop_and_setdefault_agree_with_python(r, key, pottery):
    other = key + ":python"
    ours, theirs = RedisDict(redis=r, key=key), RedisDict(redis=r, key=other)
    for index, field in enumerate(HASHABLE):
        ours[field] = theirs[field] = TRICKY[index % len(TRICKY)]
    for field in HASHABLE[::2]:
        got = pottery("dict", "pop", "-j", key, enc(field))
        assert [enc(value) for value in decoded(got)] == [enc(theirs.pop(field))]
    assert r.hgetall(key) == r.hgetall(other)
    # Absent: status 1 and nothing, or the default (as Python's pop(key, default)).
    absent = pottery("dict", "pop", "-j", key, enc(HASHABLE[0]), check=False)
    assert absent.returncode == 1 and absent.stdout == b""
    assert decoded(pottery("dict", "pop", "-j", key, enc(HASHABLE[0]), '"gone"')) == ["gone"]
    # setdefault prints what is there now; Python's setdefault says the same.
    for field in HASHABLE[:4]:
        got = decoded(pottery("dict", "setdefault", "-j", key, enc(field), '[1, "x"]'))
        assert enc(got[0]) == enc(theirs.setdefault(field, [1, "x"]))
    assert r.hgetall(key) == r.hgetall(other)


def test_dict_get_of_several_fields_is_python_get(r, key, pottery):
    d = RedisDict(redis=r, key=key)
    d.update({"a": 1, "b": None, "c": [2]})
    got = pottery("dict", "get", key, "a", "zz", "b", "c", check=False)
    assert got.returncode == 1 and decoded(got) == [d.get("a"), d.get("zz"), d.get("b"), d.get("c")]
    defaulted = pottery("dict", "get", key, "zz", "a", "--default", "0")
    assert decoded(defaulted) == [d.get("zz", 0), 1]


def test_dict_popitem_empties_the_dict_python_wrote(r, key, pottery):
    d = RedisDict(redis=r, key=key)
    d.update({enc(n): n for n in range(20)})
    popped = [decoded(pottery("dict", "popitem", key))[0] for _ in range(20)]
    assert sorted(value for _, value in popped) == list(range(20))
    assert all(field == enc(value) for field, value in popped)
    assert pottery("dict", "popitem", key, check=False).returncode == 1 and not r.exists(key)


def _batches_at_once(server, batches) -> list:
    """Runs one pottery batch per text, all at once (--keep-going); the output lines of each."""
    workers = [subprocess.Popen([_binary(), "-u", server, "--keep-going"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) for _ in batches]
    return [worker.communicate(batch.encode(), timeout=120)[0].decode().splitlines()
            for worker, batch in zip(workers, batches)]


def test_concurrent_popitem_delivers_every_value_once(server, r, key):
    """Eight processes pop one dict until it is empty: each value comes out exactly once."""
    d = RedisDict(redis=r, key=key)
    d.update({f"f{n}": n for n in range(400)})
    outputs = _batches_at_once(server, ["".join(f"dict popitem {key}\n" for _ in range(80))] * 8)
    popped = [json.loads(line) for out in outputs for line in out]
    assert sorted(value for _, value in popped) == list(range(400)) and not r.exists(key)


def test_concurrent_pop_of_one_field_gives_it_to_one(server, r, key):
    d = RedisDict(redis=r, key=key)
    d.update({f"f{n}": n for n in range(100)})
    outputs = _batches_at_once(server, ["".join(f"dict pop {key} f{n}\n" for n in range(100))] * 6)
    assert sorted(int(line) for out in outputs for line in out) == list(range(100))


def _two_sets(r, key):
    a, b = key + ":a", key + ":b"
    RedisSet({1, "two", 3.5, None, "shared", 7}, redis=r, key=a)
    RedisSet({"shared", 7, 8, "nine"}, redis=r, key=b)
    return a, b


def _python_set(r, key):
    return {enc(m) for m in RedisSet(redis=r, key=key)}


def test_update_and_difference_update_agree_with_python(r, key, pottery):
    a, b = _two_sets(r, key)
    python_a = key + ":python"
    r.copy(a, python_a)
    pottery("set", "update", a, b)
    RedisSet(redis=r, key=python_a).update(RedisSet(redis=r, key=b))
    assert members(r, a) == members(r, python_a)
    pottery("set", "difference-update", "-j", a, "--values", "7", '"nine"', "404")
    RedisSet(redis=r, key=python_a).difference_update([7, "nine", 404])
    assert members(r, a) == members(r, python_a)


def test_the_operations_python_lacks_agree_with_python_sets(r, key, pottery):
    a, b = _two_sets(r, key)
    sa, sb = _python_set(r, a), _python_set(r, b)
    got = pottery("set", "symmetric-difference", a, b)
    assert sorted(enc(v) for v in decoded(got)) == sorted(sa ^ sb)
    assert int(pottery("set", "symmetric-difference", a, b, "--into", key + ":x").stdout) == len(sa ^ sb)
    assert _python_set(r, key + ":x") == sa ^ sb
    pottery("set", "intersection-update", a, b)
    assert _python_set(r, a) == sa & sb
    pottery("set", "symmetric-difference-update", a, "-j", "--values", '"shared"', '"new"')
    assert _python_set(r, a) == (sa & sb) ^ {enc("shared"), enc("new")}


def test_algebra_against_values_and_into_a_key(r, key, pottery):
    a, b = _two_sets(r, key)
    sa = _python_set(r, a)
    got = pottery("set", "difference", a, "--values", "-", stdin=b'"two"\n7\n3.5\n')
    assert sorted(enc(v) for v in decoded(got)) == sorted(sa - {enc("two"), "7", "3.5"})
    dest = key + ":dest"
    r.sadd(dest, "stale")
    r.expire(dest, 100)
    assert pottery("set", "union", a, b, "--into", dest).stdout == f"{len(sa | _python_set(r, b))}\n".encode()
    assert _python_set(r, dest) == sa | _python_set(r, b) and r.ttl(dest) == -1
    # An empty result deletes DEST, as SINTERSTORE does.
    assert pottery("set", "intersection", a, "--values", "404", "--into", dest).stdout == b"0\n"
    assert not r.exists(dest)
    # Relations against values; no scratch key is left behind.
    assert pottery("set", "issuperset", "-j", a, "--values", "1", '"two"').stdout == b"true\n"
    assert [k for k in r.scan_iter(match=f"*{key}*pottery-*")] == []
    assert RedisSet(redis=r, key=a).issuperset([1, "two"])


def test_remove_and_discard_read_standard_input(r, key, pottery):
    s = RedisSet({1, 2, 3, "x"}, redis=r, key=key)
    assert pottery("set", "discard", key, "-", stdin=b"1\n404\n").returncode == 0
    assert s.to_set() == {2, 3, "x"}
    assert pottery("set", "remove", key, "-", stdin=b'2\n"x"\n').returncode == 0
    gone = pottery("set", "remove", key, "-", stdin=b"3\n3\n", check=False)
    assert gone.returncode == 1 and not r.exists(key)


def test_algebra_on_a_cluster_stores_across_slots(rc, cluster_pottery):
    tag = uuid.uuid4().hex
    a, b, dest = f"a:{tag}", f"b:{tag}", f"d:{tag}"  # three slots (no hash tag)
    rc.sadd(a, "1", "2", "3")  # Python's RedisSet(iterable) needs WATCH, which RedisCluster lacks
    rc.sadd(b, "3", "4")
    assert cluster_pottery("set", "union", a, b, "--into", dest).stdout == b"4\n"
    assert sorted(int(m) for m in rc.smembers(dest)) == [1, 2, 3, 4] and rc.ttl(dest) == -1
    cluster_pottery("set", "symmetric-difference-update", a, b)
    assert sorted(int(m) for m in rc.smembers(a)) == [1, 2, 4]
    cluster_pottery("set", "difference-update", a, "--values", "1")
    assert sorted(int(m) for m in rc.smembers(a)) == [2, 4]


def test_concurrent_setdefault_agrees_on_one_value(server, r, key):
    """Six processes set a default for the same fields, each its own value: every process prints,
    for each field, the value the first writer stored, and the hash holds exactly that."""
    outputs = _batches_at_once(server, ["".join(f"dict setdefault {key} f{i} {n}\n" for i in range(50))
                                        for n in range(6)])
    stored = [int(r.hget(key, f'"f{i}"')) for i in range(50)]
    assert all(output == [str(v) for v in stored] for output in outputs)


def test_counter_arithmetic_into_a_key_of_another_slot(rc, cluster_pottery):
    tag = uuid.uuid4().hex
    c, d, dest = f"c:{tag}", f"d:{tag}", f"x:{tag}"
    rc.hset(c, mapping={'"a"': 3, '"b"': 1})
    rc.hset(d, mapping={'"a"': 1, '"b"': 5})
    assert cluster_pottery("counter", "minus", c, d, "--into", dest).stdout == b"1\n"
    assert rc.hgetall(dest) == {b'"a"': b"2"}
