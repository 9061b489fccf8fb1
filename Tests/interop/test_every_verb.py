"""Every verb of the command table, run in one transcript and compared with `every_verb.golden`:
the same file for every server scripts/test runs the suites on (Redis 6.2, Redis 7.0, Valkey 8), so
every verb answers identically on each. The table itself (`pottery __table`) says which verbs exist;
a verb missing from the transcript fails the test. POTTERY_UPDATE_GOLDEN=1 rewrites the file."""

import json
import os
import subprocess
import uuid

from conftest import _binary

GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "every_verb.golden")

# (words, standard input, how to compare): "" exactly; "sorted" lines in any order (hash and set
# order, SCAN order); "count" only how many lines (tokens, stream ids).
TRANSCRIPT = [
    ("ping", None, ""),
    ("status", None, "count"),
    ("doctor", None, "count"),
    ("dict set {p}d name 'jack smith' zip 02139 age 42", None, ""),
    ("dict get {p}d name", None, ""),
    ("dict get {p}d nope", None, ""),
    ("dict has {p}d zip", None, ""),
    ("dict len {p}d", None, ""),
    ("dict keys {p}d", None, "sorted"),
    ("dict values {p}d", None, "sorted"),
    ("dict items {p}d", None, "sorted"),
    ("dict update {p}d -", '{"a": [1, 2.5, null]}\n{"b": {"c": "caf\\u00e9"}}\n', ""),
    ("dict get {p}d b", None, ""),
    ("-a dict get {p}d b", None, ""),
    ("dict del {p}d age nope", None, ""),
    ("dict get {p}d name nope --default 0", None, ""),
    ("dict pop {p}d zip", None, ""),
    ("dict pop {p}d zip gone", None, ""),
    ("dict setdefault {p}d zip 02140", None, ""),
    ("dict setdefault {p}d zip 0", None, ""),
    ("dict popitem {p}d", None, "count"),
    ("dict clear {p}d", None, ""),
    ("set add {p}s 1 two 3.0", None, ""),
    ("set add {p}s3 -", "1\n\"1\"\n[1]\n", ""),
    ("set members {p}s3", None, "sorted"),
    ("set add {p}s2 two 9", None, ""),
    ("set remove {p}s 1", None, ""),
    ("set discard {p}s nope", None, ""),
    ("set has {p}s two", None, ""),
    ("set contains-many {p}s two nope", None, ""),
    ("set len {p}s", None, ""),
    ("set members {p}s", None, "sorted"),
    ("set union {p}s {p}s2", None, "sorted"),
    ("set intersection {p}s {p}s2", None, "sorted"),
    ("set difference {p}s {p}s2", None, "sorted"),
    ("set isdisjoint {p}s {p}s2", None, ""),
    ("set issubset {p}s {p}s2", None, ""),
    ("set issuperset {p}s {p}s2", None, ""),
    ("set symmetric-difference {p}s {p}s2", None, "sorted"),
    ("set union {p}s {p}s2 --into {p}s4", None, ""),
    ("set difference {p}s --values two", None, "sorted"),
    ("set update {p}s4 --values 8", None, ""),
    ("set difference-update {p}s4 {p}s2", None, ""),
    ("set intersection-update {p}s4 --values -", "8\n3.0\n", ""),
    ("set symmetric-difference-update {p}s4 --values 8 10", None, ""),
    ("set members {p}s4", None, "sorted"),
    ("dict set {p}wd x 1", None, ""),
    ("set issubset {p}s2 {p}wd", None, ""),
    ("set isdisjoint {p}wd {p}s2", None, ""),
    ("set pop {p}s2", None, "count"),
    ("set clear {p}s", None, ""),
    ("list append {p}l a b c", None, ""),
    ("list extend {p}l -", "1\n2\n", ""),
    ("list insert {p}l 1 x", None, ""),
    ("list get {p}l 1", None, ""),
    ("list get {p}l ::2", None, ""),
    ("list set {p}l 0 z", None, ""),
    ("list del {p}l -1", None, ""),
    ("list pop {p}l", None, ""),
    ("list remove {p}l x", None, ""),
    ("list len {p}l", None, ""),
    ("list items {p}l", None, ""),
    ("list sort {p}l", None, ""),
    ("list clear {p}l", None, ""),
    ("list append {p}l2 a b c d", None, ""),
    ("list set {p}l2 1:2 p q r", None, ""),
    ("list set {p}l2 ::2 -", "7\n8\n9\n", ""),
    ("list set {p}l2 ::2 too-few", None, ""),
    ("list index {p}l2 r", None, ""),
    ("list index {p}l2 r 0 2", None, ""),
    ("list count {p}l2 8", None, ""),
    ("list has {p}l2 nope", None, ""),
    ("list reverse {p}l2", None, ""),
    ("list items {p}l2", None, ""),
    ("list clear {p}l2", None, ""),
    ("deque append {p}q 1 2", None, ""),
    ("deque appendleft {p}q 0", None, ""),
    ("deque extend {p}q 3 4", None, ""),
    ("deque extendleft {p}q -1", None, ""),
    ("deque rotate {p}q 2", None, ""),
    ("deque get {p}q 0", None, ""),
    ("deque items {p}q", None, ""),
    ("deque pop {p}q", None, ""),
    ("deque popleft {p}q", None, ""),
    ("deque len {p}q", None, ""),
    ("deque clear {p}q", None, ""),
    ("deque append {p}q2 1 2 3", None, ""),
    ("deque get {p}q2 ::-1", None, ""),
    ("deque insert {p}q2 1 x --maxlen 3", None, ""),
    ("deque insert {p}q2 1 x --maxlen 4", None, ""),
    ("deque set {p}q2 0 9", None, ""),
    ("deque del {p}q2 -1", None, ""),
    ("deque remove {p}q2 2", None, ""),
    ("deque index {p}q2 x", None, ""),
    ("deque count {p}q2 9", None, ""),
    ("deque reverse {p}q2", None, ""),
    ("deque items {p}q2", None, ""),
    ("deque clear {p}q2", None, ""),
    ("counter incr {p}c a 3", None, ""),
    ("counter update {p}c a b b", None, ""),
    ("counter subtract {p}c b", None, ""),
    ("counter get {p}c a", None, ""),
    ("counter most-common {p}c 1", None, ""),
    ("counter items {p}c", None, "sorted"),
    ("counter elements {p}c", None, "sorted"),
    ("counter len {p}c", None, ""),
    ("counter total {p}c", None, ""),
    ("counter set {p}c2 a -2", None, ""),
    ("counter update {p}c2 --counts -", '{"b": 4}\n["a", 3]\n', ""),
    ("counter subtract {p}c2 --counts '[\"b\", 1]'", None, ""),
    ("counter plus {p}c {p}c2", None, ""),
    ("counter minus {p}c {p}c2", None, ""),
    ("counter union {p}c {p}c2", None, ""),
    ("counter intersection {p}c {p}c2 --into {p}c3", None, ""),
    ("counter positive {p}c2", None, ""),
    ("counter negative {p}c", None, ""),
    ("counter del {p}c b", None, ""),
    ("counter clear {p}c", None, ""),
    ("queue put {p}u a b", None, ""),
    ("queue size {p}u", None, ""),
    ("queue get {p}u --nowait", None, ""),
    ("queue empty {p}u", None, ""),
    ("queue clear {p}u", None, ""),
    ("cached-dict set {p}cd 1 one 2 two", None, ""),
    ("cached-dict get {p}cd 1 2 3", None, ""),
    ("cached-dict misses {p}cd 1 3", None, ""),
    ("cached-dict setdefault {p}cd 3 three --ttl 0", None, ""),
    ("cached-dict setdefault {p}cd 3 other", None, ""),
    ("cached-dict clear {p}cd", None, ""),
    ("lock acquire {p}k", None, "count"),
    ("lock status {p}k", None, "count"),
    ("lock extend {p}k nosuchtoken", None, ""),
    ("lock release {p}k nosuchtoken", None, ""),
    ("lock run {p}r -- echo inside", None, ""),
    ("nextid next {p}n", None, ""),
    ("nextid next {p}n", None, ""),
    ("nextid current {p}n", None, ""),
    ("nextid reset {p}n", None, ""),
    ("cache run {p}h -- echo cached", None, ""),
    ("cache run {p}h -- echo cached", None, ""),
    ("cache bypass {p}h -- echo fresh", None, ""),
    ("cache stats {p}h", None, ""),
    ("cache forget {p}h -- echo cached", None, ""),
    ("cache clear {p}h", None, ""),
    ("bf add {p}b a b c --capacity 100 --error-rate 0.01", None, ""),
    ("bf contains {p}b a", None, ""),
    ("bf contains-many {p}b a z", None, ""),
    ("bf len {p}b", None, ""),
    ("bf info {p}b", None, ""),
    ("bf clear {p}b", None, ""),
    ("hll add {p}y a b c", None, ""),
    ("hll add {p}y2 c d", None, ""),
    ("hll count {p}y", None, ""),
    ("hll contains {p}y a", None, ""),
    ("hll contains-many {p}y a z", None, ""),
    ("hll merge {p}y3 {p}y {p}y2", None, ""),
    ("hll count {p}y3", None, ""),
    ("hll union {p}y4 {p}y {p}y2", None, ""),
    ("hll count {p}y4", None, ""),
    ("hll clear {p}y4", None, ""),
    ("hll clear {p}y3", None, ""),
    ("cache run {p}y -- echo x", None, ""),
    ("type {p}y", None, ""),
    ("type {p}nope", None, ""),
    ("expire {p}y 1000", None, ""),
    ("persist {p}y", None, ""),
    ("persist {p}y", None, ""),
    ("expire {p}y 1000", None, ""),
    ("ttl {p}y2", None, ""),
    ("keys {p}y*", None, "sorted"),
    ("del {p}y {p}y2 {p}nope", None, ""),
    ("redis SET {p}raw caf\u00e9", None, ""),
    ("redis GET {p}raw", None, ""),
    ("redis HGET {p}raw f", None, ""),
    ("redis LRANGE {p}nope 0 -1", None, ""),
    ("repl", "ping\ndict get {p}nope x\nGET {p}raw\n", ""),
]


def _run(server: str, words: str, stdin, prefix: str):
    import shlex
    argv = [_binary(), "-u", server] + shlex.split(words.replace("{p}", prefix))
    text = stdin.replace("{p}", prefix) if stdin is not None else ""
    return subprocess.run(argv, input=text.encode(), capture_output=True, timeout=60)


def _transcript(server: str) -> list[str]:
    prefix = "ev:" + uuid.uuid4().hex[:8] + ":"
    lines = []
    for words, stdin, compare in TRANSCRIPT:
        result = _run(server, words, stdin, prefix)
        out = result.stdout.decode("utf-8", "replace").replace(prefix, "P:")
        err = result.stderr.decode("utf-8", "replace").replace(prefix, "P:").replace(server, "SERVER")
        shown = out.splitlines()
        if compare == "sorted":
            shown = sorted(shown)
        elif compare == "count":
            shown = [f"({len(shown)} lines)"]
        lines.append(f"$ {words} -> {result.returncode}")
        lines += ["  " + line for line in shown] + ["  ! " + line for line in err.splitlines()]
    return lines


def test_the_transcript_names_every_verb_of_the_table():
    table = json.loads(subprocess.run([_binary(), "__table"], capture_output=True, check=True).stdout)
    verbs = {v["command"] for g in table["groups"] for v in g["verbs"] if "hidden" not in v["traits"]}
    import shlex
    run = set()
    for words, _, _ in TRANSCRIPT:
        split = shlex.split(words)
        run.add(split[0])
        run.add(" ".join(split[:2]))
    assert sorted(verbs - run) == []


def test_every_verb_answers_as_the_golden_transcript(server):
    lines = _transcript(server)
    if os.environ.get("POTTERY_UPDATE_GOLDEN") == "1":
        with open(GOLDEN, "w") as golden:
            golden.write("\n".join(lines) + "\n")
    with open(GOLDEN) as golden:
        expected = golden.read().splitlines()
    assert lines == expected
