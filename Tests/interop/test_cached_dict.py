"""CachedOrderedDict: what Python caches, pottery reads, and the other way round, with the expiry
renewed as pottery renews it."""

import json

from pottery import CachedOrderedDict

from values import HASHABLE, TRICKY


def enc(value) -> str:
    return json.dumps(value, sort_keys=True)


def ndjson(result) -> list:
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def test_python_cache_is_read_by_pottery(r, key, pottery):
    cod = CachedOrderedDict(redis_client=r, redis_key=key, dict_keys=HASHABLE)
    assert cod.misses() == frozenset(HASHABLE)
    for index, id_ in enumerate(HASHABLE):
        cod[id_] = TRICKY[-(index + 1)]
    hits = pottery("cached-dict", "get", "-j", key, *map(enc, HASHABLE)).stdout.decode().splitlines()
    assert hits == [enc([id_, TRICKY[-(index + 1)]]) for index, id_ in enumerate(HASHABLE)]
    result = pottery("cached-dict", "misses", "-j", key, *map(enc, HASHABLE), "\"absent\"", check=False)
    assert result.returncode == 1 and result.stdout == b'"absent"\n'


# Ids distinct under Python's equality (0, 0.0 and False are one key of an OrderedDict).
DISTINCT = list(dict.fromkeys(HASHABLE))


def test_pottery_cache_is_read_by_python(r, key, pottery):
    lines = [enc([id_, TRICKY[index % len(TRICKY)]]) for index, id_ in enumerate(DISTINCT)]
    pottery("cached-dict", "set", key, "-", "--ttl", "30", stdin=("\n".join(lines) + "\n").encode())
    assert 25 <= r.ttl(key) <= 30
    cod = CachedOrderedDict(redis_client=r, redis_key=key, dict_keys=DISTINCT + ["absent"])
    assert cod.misses() == frozenset(["absent"])
    for index, id_ in enumerate(DISTINCT):
        assert enc(cod[id_]) == enc(TRICKY[index % len(TRICKY)]), id_
    # Python's constructor renewed the expiry to its default, 60 s; a pottery lookup renews it too.
    assert r.ttl(key) > 30
    pottery("cached-dict", "get", key, "jack", "--ttl", "10")
    assert r.ttl(key) <= 10
    pottery("cached-dict", "set", "-j", key, enc("jack"), enc({"hydrated": True}))
    assert r.ttl(key) > 55
    assert CachedOrderedDict(redis_client=r, redis_key=key, dict_keys=["jack"])["jack"] == {"hydrated": True}
