"""A bulk load's progress and summary on stderr: through a real pseudo-terminal, the progress line
is redrawn in place and erased at the end; where stderr is no terminal nothing shows unless
--progress; --stats ends with one summary line; standard output and the data never change."""

import os
import subprocess

import pexpect

from conftest import _binary


def _pty(server, command):
    env = {"PATH": "/usr/bin:/bin", "POTTERY_URL": server, "TERM": "dumb"}
    child = pexpect.spawn("/bin/sh", ["-c", command + "; echo status=$?"], env=env, encoding="utf-8",
                          timeout=60)
    child.expect(r"status=(\d+)")
    status = int(child.match.group(1))
    before = child.before
    child.expect(pexpect.EOF)
    return status, before


def test_on_a_terminal_the_line_shows_after_a_second_and_is_erased(server, r, key):
    # The producer pauses past a second mid-stream: the line appears at the next chunk, and the
    # end erases it.
    status, seen = _pty(server, f"(seq 20000; sleep 1.5; seq 20001 40000) | {_binary()} set add {key} -")
    assert status == 0 and r.scard(key) == 40000
    assert "\r\x1b[Kpottery: set add " + key + ": " in seen and " items/s, " in seen
    assert seen.rstrip("\r\n").endswith("\r\x1b[K")  # erased: the prompt comes back on a clean line
    # A short load shows nothing, and --no-progress never does.
    status, quick = _pty(server, f"seq 1000 | {_binary()} set add {key}2 -")
    assert status == 0 and "pottery" not in quick
    status, off = _pty(server, f"(seq 10; sleep 1.5; seq 11 20) | {_binary()} set add {key}3 - --no-progress")
    assert status == 0 and "pottery" not in off and r.scard(key + "3") == 20


def test_elsewhere_only_when_asked_and_stats_sum_up(server, r, key):
    env = {"PATH": "/usr/bin:/bin", "POTTERY_URL": server}
    lines = "".join(f"{n}\n" for n in range(50000))
    plain = subprocess.run([_binary(), "set", "add", key, "-"], input=lines, env=env, capture_output=True,
                           text=True)
    assert plain.returncode == 0 and plain.stderr == "" and plain.stdout == ""
    forced = subprocess.run([_binary(), "--progress", "set", "add", key, "-"], input=lines, env=env,
                            capture_output=True, text=True)
    assert forced.returncode == 0 and forced.stdout == ""
    assert forced.stderr.startswith(f"pottery: set add {key}: ") and "\r" not in forced.stderr
    stats = subprocess.run([_binary(), "list", "extend", key + "l", "-", "--stats"], input=lines, env=env,
                           capture_output=True, text=True)
    assert stats.returncode == 0 and stats.stdout == "" and r.llen(key + "l") == 50000
    summary = stats.stderr.splitlines()
    assert len(summary) == 1 and summary[0].startswith(f"pottery: list extend {key}l: 50000 items in ")
    assert summary[0].endswith(" KiB read)") and " items/s, " in summary[0]
    # A command that fails says so in its one line: no summary after it (with -j, a bad line 3).
    failed = subprocess.run([_binary(), "-j", "set", "add", key + "f", "-", "--stats"], input="1\n2\nnope\n",
                            env=env, capture_output=True, text=True)
    assert failed.returncode == 2 and len(failed.stderr.splitlines()) == 1 and not r.exists(key + "f")
    down = subprocess.run([_binary(), "set", "add", key + "f", "-", "--stats", "-u", "redis://127.0.0.1:1/0"],
                          input="1\n", env=env, capture_output=True, text=True)
    assert down.returncode == 3 and down.stderr.splitlines() == [
        f"pottery: set add {key}f (redis://127.0.0.1:1/0): Connection refused"]
