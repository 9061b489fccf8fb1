"""Python pottery 3.0.1 and pottery on one Redis Cluster (issue 12).

Python pottery runs on `redis.cluster.RedisCluster` only where it needs no WATCH/MULTI pipeline:
`_Pipelined._watch` reads `redis.connection_pool`, which a RedisCluster does not have
(pottery#733), so every method built on it raises AttributeError. Where a structure's methods work
on the cluster, Python writes through RedisCluster and pottery (pointed at one node, a replica)
reads exactly, and the other way round. Where they do not, Python writes on a single redis-server,
pottery does the same on the cluster, and the keys hold the same values; the data then crosses over
with DUMP/RESTORE, so that each side still reads what the other wrote.

    structure     on the cluster, Python can                      otherwise (single server + DUMP)
    dict          set/get items, items, len, to_dict             update, constructor with data
    set           add/remove, in, iterate, len, to_set           update, relations, union...
    list          append, extend, len, to_list                   index (so iterate), insert, pop, del
    deque         read (to_list, len)                            every write
    counter       set/get items, to_counter, most_common         update, subtract
    queue         put, qsize                                     get
    cached-dict   nothing (its constructor uses _watch)          all
    bf, hll       nothing (their constructors use _watch)        all
    lock, nextid  Redlock, NextID with masters={RedisCluster}    -
    cache         redis_cache(redis=RedisCluster)                -
"""

import collections
import json
import uuid
import warnings

import pytest
from pottery import (BloomFilter, CachedOrderedDict, HyperLogLog, NextID, RedisCounter, RedisDeque, RedisDict,
                     RedisList, RedisSet, RedisSimpleQueue, Redlock, redis_cache)

from values import HASHABLE, TRICKY

warnings.filterwarnings("ignore")


def enc(value) -> str:
    return json.dumps(value, sort_keys=True)


def ndjson(result) -> list:
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def body(values) -> bytes:
    return ("\n".join(enc(v) for v in values) + "\n").encode()


@pytest.fixture()
def keys(rc, key):
    """Three keys, one on each master: every test below covers the whole cluster."""
    found = {}
    for index in range(1000):
        candidate = f"{key}:{index}"
        found.setdefault(rc.get_node_from_key(candidate).name, candidate)
        if len(found) == 3:
            return list(found.values())
    raise AssertionError("no key on every master")


def cross(source, target, name, ttl_ms=0):
    """Copies `name` from one client to the other, byte for byte (DUMP/RESTORE)."""
    target.restore(name, ttl_ms, source.dump(name), replace=True)


# dict: Python writes through RedisCluster, pottery reads; and the other way round.

def test_python_dict_on_cluster_is_read_by_pottery(rc, keys, cluster_pottery):
    for k in keys:
        d = RedisDict(redis=rc, key=k)
        for index, field in enumerate(HASHABLE):
            d[field] = TRICKY[-(index + 1)]
        for index, field in enumerate(HASHABLE):
            got = cluster_pottery("dict", "get", "-j", k, enc(field)).stdout
            assert got == (enc(TRICKY[-(index + 1)]) + "\n").encode(), (k, field)
        items = ndjson(cluster_pottery("dict", "items", k))
        assert sorted(enc(a) + enc(b) for a, b in items) == sorted(enc(a) + enc(b) for a, b in d.items())
        assert int(cluster_pottery("dict", "len", k).stdout) == len(d)


def test_pottery_dict_on_cluster_is_read_by_python(rc, keys, cluster_pottery):
    for k in keys:
        pairs = [text for index, field in enumerate(HASHABLE)
                 for text in (enc(field), enc(TRICKY[index % len(TRICKY)]))]
        cluster_pottery("dict", "set", "-j", k, *pairs)
        cluster_pottery("dict", "update", k + ":stdin", "-",
                        stdin=body([[f, v] for f, v in zip(HASHABLE, TRICKY)]))
        d = RedisDict(redis=rc, key=k)
        assert len(d) == len(HASHABLE)
        for index, field in enumerate(HASHABLE):
            assert enc(d[field]) == enc(TRICKY[index % len(TRICKY)]), (k, field)
        assert sorted(enc(list(p)) for p in RedisDict(redis=rc, key=k + ":stdin").items()) == \
            sorted(enc([f, v]) for f, v in zip(HASHABLE, TRICKY))
        assert set(rc.hgetall(k)) == {enc(f).encode() for f in HASHABLE}


# set

def test_python_set_on_cluster_is_read_by_pottery(rc, keys, cluster_pottery):
    for k in keys:
        s = RedisSet(redis=rc, key=k)
        for member in HASHABLE:
            s.add(member)
        s.discard("jack")
        got = ndjson(cluster_pottery("set", "members", k))
        assert sorted(map(enc, got)) == sorted(m.decode() for m in rc.smembers(k))
        assert "jack" not in got and len(got) == len(s)
        for member in HASHABLE[1:]:
            result = cluster_pottery("set", "has", "-j", k, enc(member), check=False)
            assert result.returncode == 0 and result.stdout == b"true\n", (k, member)


def test_pottery_set_on_cluster_is_read_by_python(rc, keys, cluster_pottery):
    members = HASHABLE + [[1, 2], {"a": 1}]
    for k in keys:
        cluster_pottery("set", "add", "-j", k, *map(enc, members))
        cluster_pottery("set", "add", "-j", k + ":stdin", "-", stdin=body(HASHABLE))
        assert {m.decode() for m in rc.smembers(k)} == {enc(m) for m in members}
        assert {enc(m) for m in RedisSet(redis=rc, key=k + ":stdin")} == {enc(m) for m in HASHABLE}
        assert all(m in RedisSet(redis=rc, key=k) for m in HASHABLE)


def test_set_algebra_across_masters_agrees_with_python(rc, keys, cluster_pottery):
    # RedisSet.union() and the relations WATCH their operands: Python computes on to_set() instead.
    a, b, c = keys
    for name, members in ((a, range(0, 300)), (b, range(200, 500)), (c, range(250, 260))):
        s = RedisSet(redis=rc, key=name)
        for member in members:
            s.add(member)
    sa, sb, sc = (RedisSet(redis=rc, key=name).to_set() for name in keys)
    for verb, expected in (("union", sa | sb | sc), ("intersection", sa & sb & sc), ("difference", sa - sb - sc)):
        got = ndjson(cluster_pottery("set", verb, a, b, c))
        assert len(got) == len(set(got)) and set(got) == expected, verb
    assert cluster_pottery("set", "issubset", c, b, check=False).returncode == int(not sc <= sb) == 0
    assert cluster_pottery("set", "issuperset", c, b, check=False).returncode == int(not sc >= sb) == 1
    assert cluster_pottery("set", "isdisjoint", a, c, check=False).returncode == int(not sa.isdisjoint(sc)) == 1


# list and deque

def test_python_list_on_cluster_is_read_by_pottery(rc, keys, cluster_pottery):
    for k in keys:
        lst = RedisList(redis=rc, key=k)
        lst.append(TRICKY[0])
        lst.extend(TRICKY[1:])
        assert cluster_pottery("list", "items", k).stdout.decode().splitlines() == [enc(v) for v in TRICKY]
        assert int(cluster_pottery("list", "len", k).stdout) == len(TRICKY)
        for index in (0, 7, -1):
            assert cluster_pottery("list", "get", k, str(index)).stdout == (enc(TRICKY[index]) + "\n").encode()


def test_pottery_list_and_deque_on_cluster_are_read_by_python(rc, keys, cluster_pottery):
    for k in keys:
        cluster_pottery("list", "append", "-j", k, *map(enc, TRICKY[:20]))
        cluster_pottery("list", "extend", "-j", k, "-", stdin=body(TRICKY[20:]))
        assert [enc(v) for v in RedisList(redis=rc, key=k).to_list()] == [enc(v) for v in TRICKY]
        cluster_pottery("deque", "extend", "-j", k + ":deque", "-", "--maxlen", "10", stdin=body(TRICKY))
        cluster_pottery("deque", "appendleft", "-j", k + ":deque", enc("left"), "--maxlen", "10")
        expected = collections.deque(TRICKY, maxlen=10)
        expected.appendleft("left")
        # (Iterating a RedisList indexes it, which WATCHes: to_list() reads with one LRANGE.)
        assert [enc(v) for v in RedisDeque(redis=rc, key=k + ":deque").to_list()] == [enc(v) for v in expected]


def test_list_and_deque_writes_python_cannot_make_on_cluster(r, rc, keys, cluster_pottery):
    """Python's index writes, insert, pop and every deque write WATCH: they run on the single
    server, pottery does the same on the cluster, and the lists are equal."""
    for k in keys:
        py = RedisList(TRICKY[:30], redis=r, key=k)
        cluster_pottery("list", "extend", "-j", k, *map(enc, TRICKY[:30]))
        py.insert(3, "inserted")
        cluster_pottery("list", "insert", k, "3", "inserted")
        assert enc(py.pop(-3)) == cluster_pottery("list", "pop", k, "-3").stdout.decode().strip()
        py[-1] = [1, {"b": 2.5}]
        cluster_pottery("list", "set", "-j", k, "-1", enc([1, {"b": 2.5}]))
        del py[1]
        cluster_pottery("list", "del", k, "1")
        assert rc.lrange(k, 0, -1) == r.lrange(k, 0, -1)

        dq = RedisDeque(TRICKY[:5], maxlen=8, redis=r, key=k + ":deque")
        cluster_pottery("deque", "extend", "-j", k + ":deque", *map(enc, TRICKY[:5]), "--maxlen", "8")
        dq.extendleft(TRICKY[5:9])
        cluster_pottery("deque", "extendleft", "-j", k + ":deque", *map(enc, TRICKY[5:9]), "--maxlen", "8")
        dq.rotate(3)
        cluster_pottery("deque", "rotate", k + ":deque", "3")
        dq.append("right")
        cluster_pottery("deque", "append", k + ":deque", "right", "--maxlen", "8")
        assert rc.lrange(k + ":deque", 0, -1) == r.lrange(k + ":deque", 0, -1)
        # Each reads the other's bytes.
        cross(r, rc, k + ":deque")
        assert cluster_pottery("deque", "items", k + ":deque").stdout.decode().splitlines() == \
            [enc(v) for v in dq]


# counter

def test_counter_on_cluster_both_ways(r, rc, keys, cluster_pottery):
    for k in keys:
        c = RedisCounter(redis=rc, key=k)
        for index, element in enumerate(HASHABLE):
            c[element] = index - 20
        for index, element in enumerate(HASHABLE):
            assert int(cluster_pottery("counter", "get", "-j", k, enc(element)).stdout) == index - 20
        assert ndjson(cluster_pottery("counter", "most-common", k, "5")) == [list(p) for p in c.most_common(5)]
        for index, element in enumerate(HASHABLE[:10]):
            cluster_pottery("counter", "incr", "-j", k + ":pot", enc(element), str(index * 7 - 50))
        mine = RedisCounter(redis=rc, key=k + ":pot")
        assert mine.to_counter() == collections.Counter({e: i * 7 - 50 for i, e in enumerate(HASHABLE[:10])
                                                         if i * 7 - 50})
        # update WATCHes: Python makes it on the single server, on a fresh key. (On a key that holds
        # counts, pottery 3.0.1's update and subtract of an iterable add the current count twice;
        # pottery's follow collections.Counter, checked against it.)
        words = ["a", "b", "a", 1, 1.5, None, "a", "é", "😀", "b"]
        RedisCounter(redis=r, key=k + ":words").update(words)
        cluster_pottery("counter", "update", "-j", k + ":words", *map(enc, words))
        assert rc.hgetall(k + ":words") == r.hgetall(k + ":words")
        cluster_pottery("counter", "subtract", k + ":words", "-", stdin=body(["b", "é"]))
        expected = collections.Counter(words)
        expected.subtract(["b", "é"])
        assert RedisCounter(redis=rc, key=k + ":words").to_counter() == expected


# queue

def test_queue_on_cluster_both_ways(r, rc, keys, cluster_pottery):
    for k in keys:
        q = RedisSimpleQueue(redis=rc, key=k)
        for value in TRICKY:
            q.put(value)
        rest = cluster_pottery("queue", "get", "--follow", "--nowait", k).stdout.decode().splitlines()
        assert rest == [enc(v) for v in TRICKY]
        assert q.qsize() == 0
        # Python's get WATCHes: pottery's put on the cluster holds what Python's put holds on the
        # single server, and Python gets it there.
        cluster_pottery("queue", "put", k + ":pot", "-", stdin=body(TRICKY))
        assert RedisSimpleQueue(redis=rc, key=k + ":pot").qsize() == len(TRICKY)
        py = RedisSimpleQueue(redis=r, key=k + ":py")
        for value in TRICKY:
            py.put(value)
        assert [fields for _, fields in rc.xrange(k + ":pot")] == [fields for _, fields in r.xrange(k + ":py")]
        cross(rc, r, k + ":pot")
        got = RedisSimpleQueue(redis=r, key=k + ":pot")
        assert [enc(got.get(timeout=1)) for _ in TRICKY] == [enc(v) for v in TRICKY]


# cached-dict, bf, hll: Python's constructors WATCH, so nothing of theirs runs on the cluster.

DISTINCT = list(dict.fromkeys(HASHABLE))


def test_cached_dict_layout_and_crossing(r, rc, keys, cluster_pottery):
    for k in keys:
        cod = CachedOrderedDict(redis_client=r, redis_key=k, dict_keys=DISTINCT)
        for index, id_ in enumerate(DISTINCT):
            cod[id_] = TRICKY[-(index + 1)]
        pairs = [[id_, TRICKY[-(index + 1)]] for index, id_ in enumerate(DISTINCT)]
        cluster_pottery("cached-dict", "set", k, "-", stdin=body(pairs))
        assert rc.hgetall(k) == r.hgetall(k)
        assert 55 <= rc.ttl(k) <= 60 and 55 <= r.ttl(k) <= 60
        # Each reads the other's bytes.
        r.copy(k, k + ":py")
        cross(r, rc, k + ":py", ttl_ms=60_000)
        hits = cluster_pottery("cached-dict", "get", "-j", k + ":py", *map(enc, DISTINCT)).stdout.decode()
        assert hits.splitlines() == [enc(p) for p in pairs]
        cross(rc, r, k, ttl_ms=60_000)
        again = CachedOrderedDict(redis_client=r, redis_key=k, dict_keys=DISTINCT + ["absent"])
        assert again.misses() == frozenset(["absent"])
        assert all(enc(again[id_]) == enc(value) for id_, value in pairs)


def test_bloom_filter_layout_and_crossing(r, rc, keys, cluster_pottery):
    flags = ["--capacity", "1500", "--error-rate", "0.01"]
    for k in keys:
        BloomFilter(TRICKY, redis=r, key=k, num_elements=1500, false_positives=0.01)
        cluster_pottery("bf", "add", "-j", k, "-", *flags, stdin=body(TRICKY))
        assert rc.get(k) == r.get(k)
        # pottery also remembers the parameters, in KEY's slot; Python's keys are KEY alone.
        helper = "{" + k + "}:pottery-bloom"
        assert rc.exists(helper) and rc.keyslot(helper) == rc.keyslot(k)
        assert sorted(rc.scan_iter(match=k + "*")) == [k.encode()] and r.keys(f"*{k}*") == [k.encode()]
        more = BloomFilter(num_elements=1500, false_positives=0.01, redis=r, key=k + ":py")
        more.update(["x", "y", 3])
        cross(r, rc, k + ":py")
        got = ndjson(cluster_pottery("bf", "contains-many", "-j", k + ":py", "-", *flags, stdin=body(["x", "y", 3])))
        assert got == [True, True, True]
        assert int(cluster_pottery("bf", "len", k, *flags).stdout) == \
            len(BloomFilter(num_elements=1500, false_positives=0.01, redis=r, key=k))


def test_hyperloglog_layout_and_crossing(r, rc, keys, cluster_pottery):
    for k in keys:
        HyperLogLog(TRICKY, redis=r, key=k)
        cluster_pottery("hll", "add", "-j", k, "-", stdin=body(TRICKY))
        assert rc.get(k) == r.get(k)
        assert int(cluster_pottery("hll", "count", k).stdout) == r.pfcount(k)
    # merge across three slots: the union Python computes on the single server.
    a, b, dest = keys
    for name, vals in ((a, ["a", "b", 1]), (b, ["c", 2.5, None])):
        HyperLogLog(vals, redis=r, key=name + ":m")
        cluster_pottery("hll", "add", "-j", name + ":m", *map(enc, vals))
    union = HyperLogLog(redis=r, key=a + ":m").union(HyperLogLog(redis=r, key=b + ":m"), redis=r, key=dest + ":m")
    cluster_pottery("hll", "merge", dest + ":m", a + ":m", b + ":m")
    assert rc.get(dest + ":m") == r.get(dest + ":m")
    assert int(cluster_pottery("hll", "count", dest + ":m").stdout) == len(union) == 6
    assert [k for k in rc.scan_iter(match="*pottery-hll*")] == []
    cross(rc, r, dest + ":m")
    assert "c" in HyperLogLog(redis=r, key=dest + ":m")


# lock, nextid, cache: Python pottery runs on the cluster.

def test_redlock_on_cluster_excludes_both_ways(rc, key, cluster_pottery):
    lock = Redlock(key=key, masters={rc}, auto_release_time=30)
    assert lock.acquire(blocking=False)
    assert rc.get("redlock:" + key).decode() == lock._uuid
    assert cluster_pottery("lock", "acquire", key, "--nowait", check=False).returncode == 1
    assert cluster_pottery("lock", "release", key, lock._uuid).returncode == 0
    assert not lock.locked()
    token = cluster_pottery("lock", "acquire", key, "--ttl", "30").stdout.decode().strip()
    other = Redlock(key=key, masters={rc})
    assert not other.acquire(blocking=False)
    assert rc.get("redlock:" + key).decode() == token
    fencing = "{redlock:" + key + "}:fencing"
    assert rc.exists(fencing) and rc.keyslot(fencing) == rc.keyslot("redlock:" + key)
    cluster_pottery("lock", "release", key, token)
    assert other.acquire(blocking=False)
    other.release()


def test_nextid_on_cluster_interleaves(rc, key, cluster_pottery):
    ids = NextID(key=key, masters={rc})
    got = [next(ids)]
    got += [int(line) for line in cluster_pottery("nextid", "next", key, "--count", "3").stdout.split()]
    got.append(next(ids))
    assert got == [1, 2, 3, 4, 5]
    assert rc.get("nextid:" + key) == b"5"


def test_redis_cache_on_cluster_shares_the_hash(rc, key, cluster_pottery):
    @redis_cache(redis=rc, key=key, timeout=60)
    def double(n):
        return n * 2

    assert double(21) == 42
    cluster_pottery("cache", "run", key, "--", "echo", "shell")
    assert double.cache_info().currsize == 2
    assert cluster_pottery("cache", "stats", key).stdout == \
        b'{"hits": 0, "misses": 1, "currsize": 2, "ttl": 60}\n'
    stats = "{" + key + "}:cache-stats"
    assert rc.keyslot(stats) == rc.keyslot(key) and rc.exists(stats)
    double.cache_clear()
    assert cluster_pottery("cache", "stats", key).stdout == \
        b'{"hits": 0, "misses": 1, "currsize": 0, "ttl": 60}\n'


def test_python_pottery_bulk_paths_cannot_use_a_cluster(rc):
    # The limitation (pottery#733) that makes the CLI the way to reach these on a cluster: if a
    # later pottery lifts it, the tests above should use Python on the cluster for these too.
    with pytest.raises(AttributeError):
        RedisDict(redis=rc, key="interop:" + uuid.uuid4().hex).update({"a": 1})


def test_doctor_on_a_cluster_says_its_state_and_slots(cluster_pottery):
    text = cluster_pottery("doctor").stdout.decode().splitlines()
    assert "cluster: ok, 16384 of 16384 slots served, 3 masters" in text and text[-1] == "ok"
    document = json.loads(cluster_pottery("doctor", "--json").stdout)
    assert document["cluster"] == {"ok": True, "state": "ok", "slots_ok": 16384} and document["ok"] is True
