"""RedisList and RedisDeque: what Python pottery writes, pottery reads exactly, and the other way
round; list sort against Python's sorted(); concurrent writers of both kinds."""

import collections
import json
import subprocess
import threading
import warnings

import pytest
import redis
from pottery import RedisDeque, RedisList

from values import TRICKY

warnings.filterwarnings("ignore", module="pottery")


def enc(value) -> str:
    return json.dumps(value, sort_keys=True)


def lines(result) -> list:
    return result.stdout.decode().splitlines()


def test_python_list_is_read_by_pottery(r, key, pottery):
    RedisList(TRICKY, redis=r, key=key)
    assert lines(pottery("list", "items", key)) == [enc(v) for v in TRICKY]
    assert int(pottery("list", "len", key).stdout) == len(TRICKY)
    for index in (0, 5, -1, -len(TRICKY), len(TRICKY) - 1):
        assert lines(pottery("list", "get", key, str(index))) == [enc(TRICKY[index])]
    for text, sl in (("1:7", slice(1, 7)), ("::3", slice(None, None, 3)), ("-4:", slice(-4, None)),
                     ("::-1", slice(None, None, -1)), ("30:2:-5", slice(30, 2, -5))):
        assert lines(pottery("list", "get", key, text)) == [enc(v) for v in TRICKY[sl]], text
    assert pottery("list", "get", key, str(len(TRICKY)), check=False).returncode == 1


def test_pottery_list_is_read_by_python(r, key, pottery):
    for value in TRICKY:
        pottery("list", "append", "-j", key, enc(value))
    assert [enc(v) for v in RedisList(redis=r, key=key).to_list()] == [enc(v) for v in TRICKY]
    assert [b.decode() for b in r.lrange(key, 0, -1)] == [enc(v) for v in TRICKY]


def test_pottery_list_from_stdin_is_read_by_python(r, key, pottery):
    body = "\n".join(enc(v) for v in TRICKY) + "\n"
    pottery("list", "extend", key, "-", "-j", stdin=body.encode())
    assert [enc(v) for v in RedisList(redis=r, key=key)] == [enc(v) for v in TRICKY]
    bad = body + "not json\n"
    other = key + ":strict"
    assert pottery("list", "append", other, "-", "-j", stdin=bad.encode(), check=False).returncode == 2
    assert r.exists(other) == 0


def test_mutations_agree_with_python(r, key, pottery):
    py = list(TRICKY[10:32])
    RedisList(py, redis=r, key=key)
    ours = RedisList(redis=r, key=key)
    pottery("list", "insert", key, "3", "inserted")
    py.insert(3, "inserted")
    ours.insert(5, {"from": "python"})  # pottery 3.0.1's insert pushes on the left for any index <= 0
    py.insert(5, {"from": "python"})
    assert lines(pottery("list", "pop", key, "-3")) == [enc(py.pop(-3))]
    pottery("list", "del", key, "1::4")
    del py[1::4]
    pottery("list", "set", "-j", key, "-1", enc([1, {"b": 2.5}]))
    py[-1] = [1, {"b": 2.5}]
    pottery("list", "remove", key, "true")  # Python's == : the first item equal to True may be 1
    py.remove(True)
    assert [enc(v) for v in ours.to_list()] == [enc(v) for v in py]
    assert ours[2] == py[2]


@pytest.mark.parametrize("values", [
    [3, 1.5, -2, 10**30, 1e30, True, 0, -0.0, 2**63, 7.25],
    ["b", "a", "é", "😀", "", "Z", "\uffff", "aa"],
    [[1, "b"], [1, "a"], [0], [], [1, "a", None], [2]],
    [5],
])
def test_sort_is_pythons(r, key, pottery, values):
    RedisList(values, redis=r, key=key)
    pottery("list", "sort", key)
    assert [enc(v) for v in RedisList(redis=r, key=key).to_list()] == [enc(v) for v in sorted(values)]
    pottery("list", "sort", key, "--reverse")
    expected = sorted(values, reverse=True)
    assert [enc(v) for v in RedisList(redis=r, key=key).to_list()] == [enc(v) for v in expected]


@pytest.mark.parametrize("values", [[1, "a"], [{"a": 1}, {"b": 2}], [None, None], [[1, 2], [1, "x"]]])
def test_unsortable_list_exits_2_unchanged(r, key, pottery, values):
    with pytest.raises(TypeError):
        sorted(values)
    RedisList(values, redis=r, key=key)
    before = r.lrange(key, 0, -1)
    result = pottery("list", "sort", key, check=False)
    assert result.returncode == 2 and b"not supported" in result.stderr
    assert r.lrange(key, 0, -1) == before


def test_deque_trims_like_collections_deque(r, key, pottery):
    model = collections.deque(maxlen=4)
    pottery("deque", "append", key, "1", "2", "3", "--maxlen", "4")
    model.extend([1, 2, 3])
    pottery("deque", "extendleft", key, "a", "b", "--maxlen", "4")
    model.extendleft(["a", "b"])
    pottery("deque", "extend", key, "-", "--maxlen", "4", stdin=b'"x"\n"y"\n')
    model.extend(["x", "y"])
    assert list(RedisDeque(redis=r, key=key, maxlen=4)) == list(model)
    py = RedisDeque(redis=r, key=key, maxlen=4)
    py.appendleft("python")
    model.appendleft("python")
    assert lines(pottery("deque", "items", key)) == [enc(v) for v in model]
    pottery("deque", "rotate", key, "-3")
    model.rotate(-3)
    assert list(py) == list(model)
    assert lines(pottery("deque", "popleft", key)) == [enc(model.popleft())]
    assert lines(pottery("deque", "pop", key)) == [enc(model.pop())]
    assert lines(pottery("deque", "get", key, "-1")) == [enc(model[-1])]


def test_python_deque_is_read_by_pottery(r, key, pottery):
    RedisDeque(TRICKY, redis=r, key=key)
    assert lines(pottery("deque", "items", key)) == [enc(v) for v in TRICKY]
    pottery("deque", "appendleft", "-j", key, enc({"k": [1.5, "é"]}))
    assert RedisDeque(redis=r, key=key)[0] == {"k": [1.5, "é"]}


def test_concurrent_remove_and_insert_leave_a_list_python_agrees_with(r, key, pottery):
    original = [f"item-{n}" for n in range(400)]
    RedisList(original, redis=r, key=key)
    workers, per_worker = 4, 60
    scripts = []
    for w in range(workers):
        commands = []
        for n in range(per_worker):
            commands.append(f"list remove {key} item-{w + workers * n}")
            commands.append(f"list insert {key} {(n * 37) % 300} new-{w}-{n}")
        scripts.append("\n".join(commands) + "\n")
    processes = [subprocess.Popen([pottery.binary, "-u", pottery.url], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in scripts]
    python_removed = []

    def python_writer():
        mine = RedisList(redis=r, key=key)
        for n in range(30):
            value = f"item-{399 - n}"
            while True:  # pottery's own writers raise WatchError on contention: retry, as a user would
                try:
                    mine.remove(value)
                    break
                except redis.WatchError:
                    continue
            python_removed.append(value)
            mine.append(f"py-{n}")

    thread = threading.Thread(target=python_writer)
    thread.start()
    for process, script in zip(processes, scripts):
        process.stdin.write(script.encode())
        process.stdin.close()
    for process in processes:
        assert process.wait(timeout=120) == 0, process.stderr.read()
    thread.join(timeout=120)

    final = RedisList(redis=r, key=key).to_list()
    removed = {f"item-{w + workers * n}" for w in range(workers) for n in range(per_worker)}
    removed |= set(python_removed)
    inserted = {f"new-{w}-{n}" for w in range(workers) for n in range(per_worker)}
    appended = {f"py-{n}" for n in range(30)}
    # Every item is one of ours, none twice; the survivors keep their order.
    assert len(final) == len(set(final))
    assert len(final) == len(original) - len(removed) + len(inserted) + len(appended)
    assert set(final) == (set(original) - removed) | inserted | appended
    survivors = [v for v in final if v.startswith("item-")]
    assert survivors == [v for v in original if v in set(survivors)]
    assert [v for v in final if v.startswith("py-")] == sorted(
        (v for v in final if v.startswith("py-")), key=lambda v: int(v[3:]))
