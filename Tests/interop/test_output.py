"""Default output (SPEC 3): JSON printed as UTF-8, as jq and Python's `ensure_ascii=False` print it,
the same JSON value as the stored text; lone surrogates and control characters stay escaped. `-a`
prints the stored text exactly. Python's json module is the oracle, for every tricky value, through
single values, NDJSON streams and pairs."""

import json
import re

from conftest import Pottery
from pottery import RedisDict, RedisList
from values import HASHABLE, TRICKY


def printed(value) -> str:
    """Python's json.dumps(sort_keys=True) as UTF-8, lone surrogates escaped as ensure_ascii does."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False)
    return re.sub("[\ud800-\udfff]", lambda match: "\\u%04x" % ord(match.group()), text)


def stored(value) -> str:
    return json.dumps(value, sort_keys=True)


def lines(result) -> list[str]:
    return result.stdout.decode("utf-8").split("\n")[:-1]


def test_values_print_as_utf8_and_as_stored_with_ascii(server, r, key):
    RedisList(redis=r, key=key).extend(TRICKY)
    utf8, ascii = Pottery(server, ascii=False), Pottery(server)
    assert lines(utf8("list", "items", key)) == [printed(v) for v in TRICKY]
    assert lines(ascii("list", "items", key)) == [stored(v) for v in TRICKY]
    for index, value in enumerate(TRICKY):
        assert lines(utf8("list", "get", key, str(index))) == [printed(value)], value
    assert any(printed(v) != stored(v) for v in TRICKY)  # the two forms do differ


def test_pairs_print_as_utf8(server, r, key):
    d = RedisDict(redis=r, key=key)
    for index, field in enumerate(HASHABLE):
        d[field] = TRICKY[-(index + 1)]
    got = sorted(lines(Pottery(server, ascii=False)("dict", "items", key)))
    assert got == sorted(printed([k, v]) for k, v in zip(HASHABLE, reversed(TRICKY)))
    # What is printed reads back as the same value.
    assert sorted(json.dumps(json.loads(line), sort_keys=True) for line in got) == \
        sorted(stored([k, v]) for k, v in zip(HASHABLE, reversed(TRICKY)))
