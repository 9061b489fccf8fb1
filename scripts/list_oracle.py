#!/usr/bin/env python3
"""Python's own list as the oracle for `pottery list` indices, slices and index errors.

Prints one JSON object per line: the list before (as canonical stored texts), the command's verb
and arguments after the key, and what Python gives: the exit status pottery must answer (0, 1 for
IndexError/ValueError, 2 for a subscript Python refuses), the stored texts printed, and the list
after. The Swift test (Tests/PotteryCLITests/ListOracleTests.swift) runs each case with the binary.
"""
import json
import sys


def enc(value):
    return json.dumps(value, sort_keys=True)


def parse_subscript(text):
    """The subscript a command line's text stands for, as Python would take it; ValueError if none."""
    parts = text.split(':')
    if len(parts) > 3:
        raise ValueError(text)

    def number(part):
        if not part:
            return None
        sign = part[0] in '+-'
        if not part[sign:].isdigit() or not part[sign:].isascii():
            raise ValueError(text)
        # Beyond 64 bits, at the nearest limit: what Python does to a slice's numbers, and what
        # pottery does to an index (out of range either way; list.insert then inserts at that end
        # where Python raises OverflowError).
        return max(-2**63, min(2**63 - 1, int(part)))

    if len(parts) == 1:
        if not parts[0]:
            raise ValueError(text)
        return number(parts[0])
    start, stop = number(parts[0]), number(parts[1])
    step = number(parts[2]) if len(parts) == 3 else None
    if step == 0:
        raise ValueError(text)
    return slice(start, stop, step)


def case(before, verb, args, run):
    items = list(before)
    try:
        printed = run(items)
        status = 0
    except (IndexError, ValueError) as error:
        printed, status = [], 1
        if isinstance(error, ValueError) and verb != 'remove':
            printed, status, items = [], 2, list(before)
    print(json.dumps({
        'before': [enc(v) for v in before], 'verb': verb, 'args': args,
        'status': status, 'printed': [enc(v) for v in printed], 'after': [enc(v) for v in items],
    }))


def main():
    lists = [
        [],
        ['a'],
        ['a', 'b', 'c', 'd', 'e'],
        [0, 1.5, 'two', [3], {'four': 4}, None, True, -7],
        list(range(40)),
    ]
    indices = ['0', '1', '-1', '-5', '-6', '4', '5', '39', '-40', '-41', '100', '-100',
               '9223372036854775807', '-9223372036854775808', '99999999999999999999999']
    slices = ['::', ':', '1:3', '::2', '-3:', '::-1', '5:1:-2', ':-1', '-100:100', '3:1', '::-3',
              '1::-1', '-2::-2', '::17', '::-17', '0:0', '99:', ':99999999999999999999',
              '-99999999999999999999::-1', '2:-2:3', '::9223372036854775807',
              '::-9223372036854775808', '-1:-4:-1', '+1:+3']
    bad = ['::0', 'x', '1:2:3:4', '1.5', '', ' 1', '1e3', '--1', '0x1', '1:a']

    def get(sub):
        def run(items):
            value = items[parse_subscript(sub)]
            return value if isinstance(parse_subscript(sub), slice) else [value]
        return run

    def delete(sub):
        def run(items):
            del items[parse_subscript(sub)]
            return []
        return run

    def pop(sub):
        def run(items):
            return [items.pop(parse_subscript(sub))] if sub is not None else [items.pop()]
        return run

    def assign(sub):
        def run(items):
            index = parse_subscript(sub)
            if isinstance(index, slice):
                raise ValueError(sub)
            items[index] = 'new'
            return []
        return run

    def insert(sub):
        def run(items):
            index = parse_subscript(sub)
            if isinstance(index, slice):
                raise ValueError(sub)
            items.insert(index, 'new')
            return []
        return run

    for before in lists:
        for sub in indices + slices + bad:
            case(before, 'get', [sub], get(sub))
            case(before, 'del', [sub], delete(sub))
        for sub in indices + bad[:4]:
            case(before, 'pop', [sub], pop(sub))
            case(before, 'set', [sub, 'new'], assign(sub))
            case(before, 'insert', [sub, 'new'], insert(sub))
        case(before, 'pop', [], pop(None))

    # remove: Python's == on decoded values (1 == 1.0 == True, 0 == False == -0.0).
    mixed = [True, 1, 1.0, 'x', [1, 'y'], {'k': 0}, [1.0, 'y'], 0.0, False, None, 10**30, 1e30]
    for value in [1, 1.0, True, 'x', [1.0, 'y'], {'k': False}, 0, -0.0, None, 10**30, 1e30, 'absent', 2]:
        def remove(items, value=value):
            items.remove(value)
            return []
        case(mixed, 'remove', [enc(value)], remove)


if __name__ == '__main__':
    main()
