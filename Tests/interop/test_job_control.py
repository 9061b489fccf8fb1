"""Ctrl-Z on `lock run` and `cache run` in an interactive bash on a real pseudo-terminal (pexpect):
pottery stops with its child, so the shell's prompt comes back; no lease is extended while stopped;
`fg` continues the child, which ends with its own status. Inside the REPL the whole pottery process
stops, and `fg` brings back the command, then the REPL's prompt. Every step waits for output or for
a condition on the server or in /proc, never for time alone."""

import os
import time
import uuid

import pexpect

from conftest import _binary

PROMPT = "PROMPT$ "


def _shell():
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"),
           "PS1": PROMPT, "TERM": "dumb"}
    shell = pexpect.spawn("bash", ["--norc", "--noprofile", "-i"], env=env, encoding="utf-8", timeout=30)
    shell.expect_exact(PROMPT)
    return shell


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return "gone"


def _until(condition, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)  # between polls of the condition
    return condition()


def _runs_sleep(pid: int) -> bool:
    """Whether the shell `pid` has started its `sleep` (exec done). Ctrl-Z must not land between
    dash's vfork and the exec: the vfork child stops, the shell waits for it in the kernel where no
    stop signal reaches it, and any job-control parent (bash as well as pottery) waits with it."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                text = stat.read()
        except OSError:
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        if name == "sleep" and int(text.rsplit(")", 1)[1].split()[1]) == pid:
            return True
    return False


def _status(shell) -> int:
    shell.sendline("echo status=$?")
    shell.expect(r"status=(\d+)")
    status = int(shell.match.group(1))
    shell.expect_exact(PROMPT)
    return status


def test_ctrl_z_stops_lock_run_and_fg_finishes_it(server, r):
    key = "interop:" + uuid.uuid4().hex
    shell = _shell()
    try:
        shell.sendline(f"{_binary()} -u {server} lock run {key} --ttl 30 -- "
                       "sh -c 'echo started $$; read line; echo finished; exit 7'")
        shell.expect(r"started (\d+)")
        child = int(shell.match.group(1))
        shell.sendcontrol("z")
        shell.expect("Stopped")
        shell.expect_exact(PROMPT)  # the shell has the terminal again (it never came back before)
        assert _until(lambda: _state(child) == "T"), "the child is not stopped"
        assert r.exists(f"redlock:{key}")
        shell.sendline("fg")
        assert _until(lambda: _state(child) in ("S", "R")), "fg did not continue the child"
        shell.sendline("a line")  # the child has the terminal again: it reads this
        shell.expect("finished")
        shell.expect_exact(PROMPT)
        assert _status(shell) == 7
        assert not r.exists(f"redlock:{key}")
    finally:
        shell.close(force=True)


def test_a_stopped_lock_run_does_not_renew_its_lease(server, r):
    key = "interop:" + uuid.uuid4().hex
    shell = _shell()
    try:
        # ttl 2: a running watchdog would extend every 0.67 s, so the key could never expire.
        shell.sendline(f"{_binary()} -u {server} lock run {key} --ttl 2 -- sh -c 'echo started $$; sleep 30'")
        shell.expect(r"started (\d+)")  # not the echo of the command line: that has `$$`
        assert _until(lambda: _runs_sleep(int(shell.match.group(1))))
        shell.sendcontrol("z")
        shell.expect_exact(PROMPT)
        first = r.pttl(f"redlock:{key}")
        assert first > 0
        samples = [first]
        assert _until(lambda: samples.append(r.pttl(f"redlock:{key}")) or samples[-1] < 0, 10), samples
        positive = [ttl for ttl in samples if ttl >= 0]
        assert positive == sorted(positive, reverse=True), "the lease was extended while stopped"
        shell.sendline("fg")
        shell.expect_exact(PROMPT)  # the lease was lost meanwhile: the child is stopped at once
        assert _status(shell) == 76
    finally:
        shell.close(force=True)


def test_ctrl_z_in_the_repl_stops_pottery_and_fg_brings_the_prompt_back(server):
    key = "interop:" + uuid.uuid4().hex
    shell = _shell()
    try:
        shell.sendline(f"{_binary()} -u {server}")
        shell.expect("> ")
        shell.sendline(f"cache run {key} -- sh -c 'echo started $$; sleep 2; echo computed'")
        shell.expect(r"started (\d+)")
        child = int(shell.match.group(1))
        assert _until(lambda: _runs_sleep(child))
        shell.sendcontrol("z")
        shell.expect("Stopped")
        shell.expect_exact(PROMPT)
        assert _until(lambda: _state(child) == "T"), "the child is not stopped"
        shell.sendline("fg")
        shell.expect("computed")
        shell.expect("> ")
        shell.sendline(f"cache run {key} -- sh -c 'echo started $$; sleep 2; echo computed'")
        shell.expect("computed")  # cached: the run completed and was stored
        shell.expect("> ")
        shell.sendline("quit")
        shell.expect_exact(PROMPT)
        assert _status(shell) == 0
    finally:
        shell.close(force=True)
