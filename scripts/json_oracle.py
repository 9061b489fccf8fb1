#!/usr/bin/env python3
"""Oracle for the PotteryJSON tests: Python 3's own json module.

Usage: json_oracle.py MODE [ARGS] < input > output

Every input line is one hex-encoded byte string (so any bytes, newlines included, fit a line).
Modes:
  canon         "+" + json.dumps(json.loads(text), sort_keys=True), or "-" if Python rejects it
  auto          the canonical text, or else the input as `argv` writes it (text that is not
                valid UTF-8 is never JSON)
  argv          json.dumps(input.decode("utf-8", "surrogateescape")): a literal string as Python
                stores a sys.argv value (each byte of an invalid sequence becomes U+DCxx)
  utf8          input is a canonical text; prints, hex-encoded, json.dumps(json.loads(text),
                sort_keys=True, ensure_ascii=False) as UTF-8 with lone surrogates escaped as
                ensure_ascii escapes them (pottery's default output, SPEC 3)
  repr          input is 8 bytes of a big-endian double; prints json.dumps(float)
  gen N SEED    no input; prints N lines "HEX CANONICAL" of random values in random spellings
"""
import json
import random
import re
import struct
import sys


DEFAULT_RECURSION_LIMIT = sys.getrecursionlimit()


def frames_below_module():
    """How many Python frames the caller runs below the module's own frame."""
    frame, count = sys._getframe(1), 0
    while frame.f_back is not None:
        frame, count = frame.f_back, count + 1
    return count


def canonical(data):
    """As `python3 -c 'json.dumps(json.loads(text), sort_keys=True)'` computes it at module level.

    Python's nesting limit counts interpreter frames; the recursion limit is raised by the frames
    this function runs below the module, so deep texts pass or fail exactly as in a plain CLI.
    """
    sys.setrecursionlimit(DEFAULT_RECURSION_LIMIT + frames_below_module())
    try:
        return json.dumps(json.loads(data.decode("utf-8")), sort_keys=True)
    except (ValueError, RecursionError):  # JSONDecodeError, int limit, UnicodeDecodeError
        return None
    finally:
        sys.setrecursionlimit(DEFAULT_RECURSION_LIMIT)


def random_string(rng):
    pools = [
        lambda: chr(rng.randint(0x20, 0x7E)),
        lambda: chr(rng.randint(0x00, 0x1F)),
        lambda: rng.choice('"\\/\x7f'),
        lambda: chr(rng.randint(0x80, 0xFFFF)),
        lambda: chr(rng.randint(0x10000, 0x10FFFF)),
        lambda: chr(rng.randint(0xD800, 0xDFFF)),
    ]
    weights = [60, 5, 5, 15, 8, 3]
    n = rng.choice([0, 1, 2, 5, 10, 30])
    return "".join(rng.choices(pools, weights)[0]() for _ in range(n))


def random_float(rng):
    kind = rng.randint(0, 6)
    if kind == 0:
        return struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0]
    if kind == 1:
        return rng.choice([0.0, -0.0, 5e-324, -5e-324, 1e16, 1e-5, 1e-4, 1e15, 0.1 + 0.2, 2.5e-7,
                           1.5e300, 1.7976931348623157e308, 2.2250738585072014e-308,
                           float("inf"), float("-inf"), float("nan"), 123456789.0])
    if kind == 2:
        return rng.random() * 10 ** rng.randint(-20, 25)
    if kind == 3:
        return float(rng.randint(-10**6, 10**6)) / rng.choice([1, 2, 4, 8, 10, 100, 1000])
    return rng.uniform(-1e6, 1e6) * 10 ** rng.randint(-330, 300)


def random_value(rng, depth):
    kind = rng.randint(0, 9 if depth < 6 else 5)
    if kind == 0:
        return rng.choice([None, True, False])
    if kind == 1:
        return rng.randint(-2**rng.randint(1, 200), 2**rng.randint(1, 200))
    if kind == 2:
        return random_float(rng)
    if kind in (3, 4, 5):
        return random_string(rng)
    if kind in (6, 7):
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 5))]
    keys = [random_string(rng) for _ in range(rng.randint(0, 6))]
    return {k: random_value(rng, depth + 1) for k in keys}


def spell(rng, value):
    """A random valid spelling of value (key order, separators, indentation, escaping)."""
    ensure_ascii = rng.random() < 0.5
    indent = rng.choice([None, None, 0, 1, "\t", " \r\n"])
    separators = rng.choice([None, (",", ":"), (" ,", " : "), (",\n", ":\t")])
    text = json.dumps(value, ensure_ascii=ensure_ascii, indent=indent, separators=separators)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates need ensure_ascii
        data = json.dumps(value, indent=indent, separators=separators).encode("utf-8")
    pad = lambda: rng.choice(["", "", " ", "\n", "\t \r"]).encode()
    return pad() + data + pad()


def main():
    mode = sys.argv[1]
    out = sys.stdout
    if mode == "gen":
        rng = random.Random(int(sys.argv[3]))
        for _ in range(int(sys.argv[2])):
            data = spell(rng, random_value(rng, 0))
            out.write(data.hex() + " " + canonical(data) + "\n")
        return
    for line in sys.stdin:
        data = bytes.fromhex(line.strip())
        if mode == "canon":
            result = canonical(data)
            out.write("-\n" if result is None else "+" + result + "\n")
        elif mode == "auto":
            result = canonical(data)
            if result is None:
                result = json.dumps(data.decode("utf-8", "surrogateescape"))
            out.write(result + "\n")
        elif mode == "argv":
            out.write(json.dumps(data.decode("utf-8", "surrogateescape")) + "\n")
        elif mode == "utf8":
            text = json.dumps(json.loads(data.decode("utf-8")), sort_keys=True, ensure_ascii=False)
            text = re.sub("[\ud800-\udfff]", lambda match: "\\u%04x" % ord(match.group()), text)
            out.write(text.encode("utf-8").hex() + "\n")
        elif mode == "repr":
            out.write(json.dumps(struct.unpack(">d", data)[0]) + "\n")
        else:
            sys.exit("unknown mode " + mode)


if __name__ == "__main__":
    main()
