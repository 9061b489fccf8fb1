"""The README as a reader sees it: rendered by a CommonMark parser, every heading line is a heading
(a code block left open swallowed two sections once). test_recipes.py runs what it shows."""

import os
import re

from markdown_it import MarkdownIt

from conftest import ROOT


def _readme():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        return f.read()


def test_every_heading_line_renders_as_a_heading_and_every_fence_closes():
    text = _readme()
    tokens = MarkdownIt("commonmark").parse(text)
    headings = {t.map[0] for t in tokens if t.type == "heading_open"}
    lines = text.split("\n")
    # Shell comments in code are '# ...'; a line of two or more '#' and a word is meant as a heading.
    meant = [n for n, line in enumerate(lines) if re.match(r"^#{2,6} \S", line)]
    assert meant and [lines[n] for n in meant if n not in headings] == []
    fences = [t for t in tokens if t.type == "fence"]
    assert fences and all(t.map[1] <= len(lines) and lines[t.map[1] - 1].startswith("```") for t in fences)


def test_every_public_member_of_pottery_has_a_row():
    """The README's member table names every public member of each of Python pottery's classes
    (what `dir()` lists, without underscores), in a row of that class."""
    import pottery
    text = _readme()
    table = text[text.index("## Every member of pottery 3.0.1"):]
    table = table[:table.index("\n## ", 1)]
    rows: dict[str, str] = {}
    for line in table.splitlines():
        cells = line.split(" | ")
        if line.startswith("| ") and len(cells) >= 4 and not line.startswith("| class"):
            rows[cells[0][2:]] = rows.get(cells[0][2:], "") + cells[1]
    missing = []
    for name in ["RedisDict", "RedisSet", "RedisList", "RedisDeque", "RedisCounter", "RedisSimpleQueue",
                 "CachedOrderedDict", "Redlock", "NextID", "BloomFilter", "HyperLogLog", "ContextTimer"]:
        members = [m for m in dir(getattr(pottery, name)) if not m.startswith("_")]
        missing += [f"{name}.{m}" for m in members if f"`{m}`" not in rows.get(name, "")]
    assert "synchronize" in rows and "redis_cache" in rows
    assert missing == []
