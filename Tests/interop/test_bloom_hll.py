"""BloomFilter and HyperLogLog: pottery writes the very bits and registers Python pottery 3.0.1 writes,
and reads what it writes, for thousands of values of every JSON type (SPEC 8.3)."""

import json
import math
import random
import warnings

import pytest
from pottery import BloomFilter, HyperLogLog

from values import TRICKY

warnings.filterwarnings("ignore")


def enc(value) -> str:
    return json.dumps(value, sort_keys=True)


def ndjson(result) -> list:
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def random_string(rng):
    alphabet = ["a", "Z", "0", " ", '"', "\\", "/", "\n", "\t", "\x00", "\x7f", "é", "日", "😀", "\u2028", "\uffff"]
    return "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))


def random_value(rng, depth=0):
    kind = rng.randrange(9 if depth < 2 else 7)
    if kind == 0:
        return random_string(rng)
    if kind == 1:
        return rng.randrange(-(2**70), 2**70) if rng.random() < 0.2 else rng.randrange(-10**6, 10**6)
    if kind == 2:
        return rng.choice([rng.uniform(-1e6, 1e6), rng.random() * 10 ** rng.randrange(-320, 308), -0.0, 0.5])
    if kind == 3:
        return rng.random() < 0.5
    if kind == 4:
        return None
    if kind in (5, 6):
        return f"element-{rng.randrange(10**9)}"
    if kind == 7:
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {random_string(rng): random_value(rng, depth + 1) for _ in range(rng.randrange(4))}


def values(count, seed=1):
    rng = random.Random(seed)
    return TRICKY + [random_value(rng) for _ in range(count)]


def stdin_of(vals) -> bytes:
    # Unsorted keys and raw UTF-8 where possible: pottery canonicalizes as Python's json.dumps does.
    lines = []
    for v in vals:
        try:
            lines.append(json.dumps(v, ensure_ascii=False).encode("utf-8"))
        except UnicodeEncodeError:
            lines.append(json.dumps(v).encode())
    return b"\n".join(lines) + b"\n"


PAIRS = [(1, 0.5), (1, 0.01), (100, 0.01), (100, 0.1), (1000, 0.001), (12345, 0.05), (10**6, 0.01),
         (10**6, 1e-6), (7, 0.999999), (3, 1e-300), (2, 5e-324), (10**9, 0.5), (10**8, 0.01), (999, 0.3333),
         (2**40, 0.999999999), (50, 1 - 2**-53), (10**9, 0.01), (2**53, 0.99)]


def test_bf_parameters_are_pottery_s(r, key, pottery):
    rng = random.Random(7)
    pairs = PAIRS + [(rng.randrange(1, 10**7), rng.choice([rng.random(), 10 ** -rng.uniform(0, 12)]))
                     for _ in range(150)]
    for n, p in pairs:
        bf = BloomFilter(redis=r, key=key, num_elements=n, false_positives=p)
        result = pottery("bf", "info", key, "--capacity", str(n), "--error-rate", repr(p), check=False)
        if bf.size() > 2**32:
            assert result.returncode == 2, (n, p)
            continue
        assert result.returncode == 0, (n, p, result.stderr)
        info = json.loads(result.stdout)
        assert (info["bits"], info["hashes"]) == (bf.size(), bf.num_hashes()), (n, p)
        assert info["capacity"] == n and info["error_rate"] == p
    assert r.exists(key) == 0


def test_spec_check_values(r, key, pottery):
    pottery("bf", "add", key, "rajiv", "--capacity", "100", "--error-rate", "0.01")
    bitmap = int.from_bytes(r.get(key), "big")
    length = len(r.get(key)) * 8
    assert sorted(i for i in range(length) if bitmap >> (length - 1 - i) & 1) == sorted([183, 319, 787, 585, 8, 471, 711])


@pytest.mark.parametrize("n,p", [(100, 0.01), (5000, 0.001), (3000, 0.2), (10_000_000, 0.01)])
def test_pottery_bitmap_equals_python_s(r, key, pottery, n, p):
    vals = values(3000)
    BloomFilter(vals, redis=r, key=key + ":py", num_elements=n, false_positives=p)
    pottery("bf", "add", "-j", key, "-", "--capacity", str(n), "--error-rate", repr(p), stdin=stdin_of(vals))
    assert r.get(key) == r.get(key + ":py")
    # Arguments too, in auto mode for strings and -j for the rest.
    pottery("bf", "add", "-j", key + ":args", *[enc(v) for v in TRICKY], "--capacity", str(n), "--error-rate",
            repr(p))
    BloomFilter(TRICKY, redis=r, key=key + ":pyargs", num_elements=n, false_positives=p)
    assert r.get(key + ":args") == r.get(key + ":pyargs")
    # Adding to an existing filter ORs the new bits in; no scratch key is left.
    more = values(500, seed=9)
    pottery("bf", "add", "-j", key, "-", stdin=stdin_of(more))
    BloomFilter(more, redis=r, key=key + ":py", num_elements=n, false_positives=p)
    assert r.get(key) == r.get(key + ":py")
    assert [k for k in r.keys("*") if b"pottery-bloom-" in k] == []


def test_python_filter_is_read_by_pottery(r, key, pottery):
    vals = values(2000, seed=2)
    bf = BloomFilter(vals[:1000], redis=r, key=key, num_elements=1500, false_positives=0.05)
    flags = ["--capacity", "1500", "--error-rate", "0.05"]
    got = ndjson(pottery("bf", "contains-many", "-j", key, "-", *flags, stdin=stdin_of(vals)))
    assert got == list(bf.contains_many(*vals))
    assert all(got[:1000])
    assert int(pottery("bf", "len", key, *flags).stdout) == len(bf)
    # Reading writes nothing: still no remembered parameters.
    assert pottery("bf", "len", key, check=False).returncode == 2
    for v in TRICKY[:10]:
        result = pottery("bf", "contains", "-j", key, enc(v), *flags, check=False)
        assert result.returncode == (0 if v in bf else 1)


def test_pottery_filter_is_read_by_python(r, key, pottery):
    vals = values(2000, seed=3)
    pottery("bf", "add", "-j", key, "-", "--capacity", "2500", "--error-rate", "0.02", stdin=stdin_of(vals[:1200]))
    bf = BloomFilter(redis=r, key=key, num_elements=2500, false_positives=0.02)
    assert all(bf.contains_many(*vals[:1200]))
    assert list(bf.contains_many(*vals)) == ndjson(pottery("bf", "contains-many", "-j", key, "-",
                                                          stdin=stdin_of(vals)))
    assert int(pottery("bf", "len", key).stdout) == len(bf)
    info = json.loads(pottery("bf", "info", key).stdout)
    assert info["len"] == len(bf) and info["bits"] == bf.size() and info["hashes"] == bf.num_hashes()
    pottery("bf", "clear", key)
    assert r.keys(f"*{key}*") == []


def test_hll_registers_are_pottery_s(r, key, pottery):
    vals = values(5000, seed=4)
    HyperLogLog(vals, redis=r, key=key + ":py")
    pottery("hll", "add", "-j", key, "-", stdin=stdin_of(vals))
    assert int(pottery("hll", "count", key).stdout) == r.pfcount(key + ":py")
    # Registers equal: each merged alone into a fresh key gives the same bytes, and merging one into
    # the other changes nothing.
    r.pfmerge(key + ":a", key)
    r.pfmerge(key + ":b", key + ":py")
    assert r.get(key + ":a") == r.get(key + ":b")
    r.pfmerge(key + ":a", key + ":py")
    assert r.get(key + ":a") == r.get(key + ":b")
    pottery("hll", "add", "-j", key + ":args", *[enc(v) for v in TRICKY])
    HyperLogLog(TRICKY, redis=r, key=key + ":pyargs")
    assert r.get(key + ":args") == r.get(key + ":pyargs")


def test_hll_membership_is_pottery_s(r, key, pottery):
    vals = values(600, seed=5)
    hll = HyperLogLog(vals[:300], redis=r, key=key)
    before = sorted(r.keys("*"))
    got = ndjson(pottery("hll", "contains-many", "-j", key, *[enc(v) for v in vals]))
    assert got == list(hll.contains_many(*vals))
    assert all(got[:300])
    assert sorted(r.keys("*")) == before
    assert pottery("hll", "contains", "-j", key, enc(vals[0]), check=False).returncode == 0
    # A key Python has never written: nothing is a member, and nothing is left behind.
    got = ndjson(pottery("hll", "contains-many", key + ":none", "a", "b"))
    assert sorted(r.keys("*")) == before
    # (Python's constructor PFADDs nothing, which creates an empty HyperLogLog: ask it afterwards.)
    assert got == list(HyperLogLog(redis=r, key=key + ":none").contains_many("a", "b")) == [False, False]


def test_hll_merge_is_pottery_s_union(r, key, pottery):
    a = HyperLogLog(["a", "b", 1], redis=r, key=key + ":a")
    b = HyperLogLog(["c", 2.5, None], redis=r, key=key + ":b")
    pottery("hll", "merge", key + ":dest", key + ":a", key + ":b")
    union = a.union(b, redis=r, key=key + ":py")
    assert int(pottery("hll", "count", key + ":dest").stdout) == len(union) == 6
    assert r.get(key + ":dest") == r.get(key + ":py")
