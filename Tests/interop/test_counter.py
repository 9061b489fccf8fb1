"""RedisCounter: what Python pottery writes, pottery reads, and the other way round; and pottery's
update/subtract give collections.Counter's results, which pottery 3.0.1's own update does not."""

import collections
import json

from pottery import RedisCounter

from values import HASHABLE


def enc(value) -> str:
    return json.dumps(value, sort_keys=True)


def ndjson(result) -> list:
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def test_python_counter_is_read_by_pottery(r, key, pottery):
    c = RedisCounter(redis=r, key=key)
    c.update({element: index - 20 for index, element in enumerate(HASHABLE)})
    for element in HASHABLE:
        got = int(pottery("counter", "get", "-j", key, enc(element)).stdout)
        assert got == c[element], element
    items = ndjson(pottery("counter", "items", key))
    assert sorted(enc(k) + str(v) for k, v in items) == sorted(enc(k) + str(v) for k, v in c.items())
    assert int(pottery("counter", "len", key).stdout) == len(c)
    assert int(pottery("counter", "total", key).stdout) == c.total()
    elements = ndjson(pottery("counter", "elements", key))
    assert sorted(map(enc, elements)) == sorted(map(enc, c.elements()))


def test_pottery_counter_is_read_by_python(r, key, pottery):
    for index, element in enumerate(HASHABLE):
        pottery("counter", "incr", "-j", key, enc(element), str(index * 7 - 50))
    c = RedisCounter(redis=r, key=key)
    assert len(c) == len(HASHABLE)
    for index, element in enumerate(HASHABLE):
        assert c[element] == index * 7 - 50, element
        assert r.hget(key, enc(element)) == str(index * 7 - 50).encode()


def test_update_and_subtract_match_collections_counter(r, key, pottery):
    words = ["a", "b", "a", 1, 1.5, None, "a", "é", "😀", "b"]
    expected = collections.Counter({"a": 5, "b": -2})
    RedisCounter(redis=r, key=key).update({"a": 5, "b": -2})
    pottery("counter", "update", "-j", key, *map(enc, words))
    expected.update(words)
    pottery("counter", "subtract", key, "-", stdin=("\n".join(map(enc, ["b", "é", "new"])) + "\n").encode())
    expected.subtract(["b", "é", "new"])
    assert RedisCounter(redis=r, key=key).to_counter() == expected
    assert ndjson(pottery("counter", "most-common", key)) == [list(p) for p in expected.most_common()]
    assert ndjson(pottery("counter", "most-common", key, "3")) == [list(p) for p in expected.most_common(3)]


def test_most_common_ties_match_python_pottery(r, key, pottery):
    pottery("counter", "update", key, "z", "y", "x", "y", "w", "x", "v")
    assert ndjson(pottery("counter", "most-common", key)) == \
        [list(p) for p in RedisCounter(redis=r, key=key).most_common()]
