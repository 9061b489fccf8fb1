"""The README as a reader sees it and as a shell user runs it: rendered by a CommonMark parser,
every heading line is a heading (a code block left open swallowed two sections once), and the
recipes that stand alone run as written under `set -euo pipefail` against a real server."""

import os
import re
import subprocess
import tempfile

from markdown_it import MarkdownIt

from conftest import _binary

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


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


def _block_with(text, marker):
    """The whole shell code block that holds the line containing `marker`."""
    at = text.index(marker)
    start = text.rindex("```sh\n", 0, at) + len("```sh\n")
    return text[start:text.index("```", at)]


def test_the_hydrate_recipe_runs_under_set_e_and_pipefail(server, r, key):
    block = _block_with(_readme(), "# Hydrate only what the cache misses")
    with tempfile.TemporaryDirectory() as stubs:
        # search prints the ids; hydrate turns each missing id (NDJSON) into an [id, value] line.
        for name, body in [("search", 'echo 12 7 31'),
                           ("hydrate", 'while read -r id; do printf \'[%s, "doc %s"]\\n\' "$id" "$id"; done')]:
            path = os.path.join(stubs, name)
            with open(path, "w") as f:
                f.write("#!/bin/sh\n" + body + "\n")
            os.chmod(path, 0o755)
        script = "set -euo pipefail\nquery=anything\n" + block.replace(" docs ", f" {key} ")
        env = {"PATH": f"{stubs}:{os.path.dirname(_binary())}:/usr/bin:/bin", "POTTERY_URL": server}
        subprocess.run([_binary(), "cached-dict", "set", key, "7", '"cached 7"'], env=env, check=True)
        first = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True)
        assert first.returncode == 0, first.stderr
        assert first.stdout.splitlines() == ['[12, "doc 12"]', '[7, "cached 7"]', '[31, "doc 31"]']
        # Everything cached now: misses exits 0 with nothing, and the recipe still runs.
        again = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True)
        assert again.returncode == 0 and again.stdout == first.stdout, again.stderr
        # A server that cannot be reached is not a miss: the recipe fails.
        down = subprocess.run(["bash", "-c", script], env={**env, "POTTERY_URL": "redis://127.0.0.1:1/0"},
                              capture_output=True, text=True)
        assert down.returncode != 0 and "Connection refused" in down.stderr
