"""The REPL through a real pseudo-terminal (pexpect): a session of commands with values and quoting,
unknown commands, tab completion of a verb and of a key, Ctrl-C on the line and during a command that
waits, options that change the session, and the history file (mode, content, no passwords).
Every step waits for output (the prompt, a value), never for time."""

import os
import re
import socket
import stat
import tempfile
import threading
import uuid

import pexpect
import pytest

from conftest import _binary


class SilentServer:
    """Accepts connections and reads what they send, but never answers: a command that waits."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.port = self.listener.getsockname()[1]
        self.condition = threading.Condition()
        self.talked = 0  # connections that sent something
        self.connections = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(conn)
            threading.Thread(target=self._drain, args=(conn,), daemon=True).start()

    def _drain(self, conn):
        first = True
        while True:
            try:
                data = conn.recv(4096)
            except OSError:
                return
            if not data:
                return
            if first:
                first = False
                with self.condition:
                    self.talked += 1
                    self.condition.notify_all()

    def wait_for(self, connections):
        with self.condition:
            return self.condition.wait_for(lambda: self.talked >= connections, timeout=20)

    def close(self):
        self.listener.close()
        for conn in self.connections:
            conn.close()


class Repl:
    def __init__(self, server, home, term="dumb", env=None, args=(), umask=None):
        self.port = server.rsplit(":", 1)[1].split("/")[0]
        environment = {"PATH": "/usr/bin:/bin", "HOME": home, "POTTERY_URL": server, "TERM": term,
                       "INPUTRC": "/dev/null", "LANG": "C.UTF-8"}
        environment.update(env or {})
        command = _binary()
        argv = list(args)
        if umask is not None:
            argv = ["-c", f"umask {umask:03o}; exec \"$0\" \"$@\"", command, *args]
            command = "/bin/sh"
        self.child = pexpect.spawn(command, argv, env=environment, timeout=30, dimensions=(40, 200),
                                   encoding="utf-8")

    def prompt(self, port=None):
        """Waits for the prompt of the server, connected or not (test_repl_connection checks which)."""
        self.child.expect(re.escape(f"127.0.0.1:{port or self.port}/0") + r"( \(not connected\))?> ")

    def run(self, line):
        """Types a line and waits for the next prompt; returns what was printed in between."""
        self.child.sendline(line)
        self.prompt()
        return self.child.before

    def quit(self):
        self.child.sendline("quit")
        self.child.expect(pexpect.EOF)
        self.child.close()
        return self.child.exitstatus


@pytest.fixture()
def home():
    with tempfile.TemporaryDirectory(prefix="pottery-repl-") as directory:
        yield directory


def test_session_of_commands_with_values_and_quoting(server, r, key, home):
    repl = Repl(server, home)
    repl.prompt()
    repl.run(f"dict set {key} name 'jack smith' zip 02139 'it''s' \"a \\\"quote\\\"\"")
    assert r.hgetall(key) == {b'"name"': b'"jack smith"', b'"zip"': b'"02139"',
                              b'"its"': b'"a \\"quote\\""'}
    assert '"jack smith"' in repl.run(f"dict get {key} name")
    out = repl.run("nosuch thing")
    assert "pottery: unknown command 'nosuch'" in out
    out = repl.run(f"dict get {key}")
    assert "pottery:" in out  # a usage error: one line, and the session goes on
    assert "PONG" in repl.run("ping")
    assert "raw output on" in repl.run("-r")
    out = repl.run(f"dict get {key} name")
    assert "jack smith" in out and '"jack smith"' not in out
    assert "raw output on" in repl.run("--raw")  # a flag on a line means what it means in argv
    assert "raw output off" in repl.run("--no-raw")
    assert "Usage: dict VERB" in repl.run("help dict")  # REPL lines have no program name
    assert repl.quit() == 0


def test_tab_completes_a_verb_and_a_key(server, r, key, home):
    name = key + " spaced $HOME 'q'"
    r.hset(name, '"f"', '"found it"')
    repl = Repl(server, home)
    repl.prompt()
    repl.child.send("dict ge\t")
    repl.child.expect_exact("dict get ")
    repl.child.send(key[:-4] + "\t")  # the key's prefix: the only key that starts so
    repl.child.send("f\r")
    repl.child.expect_exact('"found it"')
    repl.prompt()
    assert repl.quit() == 0


def test_ctrl_c_abandons_the_line_and_a_waiting_command(server, r, key, home):
    silent = SilentServer()
    try:
        repl = Repl(server, home)
        repl.prompt()
        repl.child.send("dict get half-typed")
        repl.child.expect_exact("half-typed")
        repl.child.sendintr()
        repl.child.expect_exact("^C")
        repl.prompt()
        # A command that waits (60 s for a reply that never comes): Ctrl-C returns to the prompt.
        repl.run("--timeout 60")
        repl.child.sendline(f"ping -u redis://127.0.0.1:{silent.port}/0")
        assert silent.wait_for(1)
        repl.child.sendintr()
        repl.prompt()
        assert "PONG" in repl.run("ping")
        # Switching the session to that server waits too; Ctrl-C keeps the new URL, unconnected.
        repl.child.sendline(f"--url redis://127.0.0.1:{silent.port}/0")
        assert silent.wait_for(2)
        repl.child.sendintr()
        repl.child.expect_exact(f"127.0.0.1:{silent.port}/0 (not connected)> ")
        # The session lives on: back to the real server, on a fresh connection.
        repl.child.sendline(f"--url {server}")
        repl.prompt()
        r.hset(key, '"a"', "1")
        assert "1" in repl.run(f"dict get {key} a")
        assert repl.child.isalive()
        assert repl.quit() == 0
    finally:
        silent.close()


def test_history_file_mode_and_content_without_passwords(server, key, home):
    repl = Repl(server, home, umask=0o022)
    repl.prompt()
    repl.run(f"dict set {key} a 1")
    port = repl.port
    repl.child.sendline(f"--url redis://:hunter2@127.0.0.1:{port}/0")
    repl.prompt()
    repl.run(f"ping -u redis://user:sesame@127.0.0.1:{port}/0")
    repl.run("AUTH sesame2")
    repl.run(" dict get secret-space x")
    repl.run(f"dict get {key} a")
    assert repl.quit() == 0
    path = os.path.join(home, ".pottery_history")
    mode = stat.S_IMODE(os.stat(path).st_mode)
    assert mode == 0o600
    with open(path) as f:
        lines = f.read().splitlines()
    assert lines == [f"dict set {key} a 1", f"dict get {key} a", "quit"]
    # A second session recalls the history with the up arrow.
    repl = Repl(server, home)
    repl.prompt()
    repl.child.send("\x1b[A\x1b[A\r")
    repl.child.expect_exact("1")
    repl.prompt()
    repl.quit()


def test_histfile_moves_and_empty_disables(server, home):
    moved = os.path.join(home, "elsewhere")
    repl = Repl(server, home, env={"POTTERY_HISTFILE": moved})
    repl.prompt()
    repl.run("ping")
    repl.quit()
    assert open(moved).read().splitlines() == ["ping", "quit"]
    assert not os.path.exists(os.path.join(home, ".pottery_history"))
    repl = Repl(server, home, env={"POTTERY_HISTFILE": ""})
    repl.prompt()
    repl.run("ping")
    repl.quit()
    assert os.listdir(home) == ["elsewhere"]


def test_histfile_fifo_never_blocks_the_prompt(server, home):
    fifo = os.path.join(home, "fifo")
    os.mkfifo(fifo, 0o600)
    repl = Repl(server, home, env={"POTTERY_HISTFILE": fifo})
    repl.child.expect_exact("not a regular file")
    repl.prompt()
    assert "PONG" in repl.run("ping")
    assert repl.quit() == 0


def test_hostile_key_name_is_escaped_in_the_repl(server, r, key, home):
    hostile = key + ":\x1b]0;PWNED\x07\x1b[2J"
    r.set(hostile, "1")
    repl = Repl(server, home, env={"POTTERY_HISTFILE": ""})
    repl.prompt()
    out = repl.run(f"keys {key}:*")
    assert key + ":\\x1b]0;PWNED\\x07\\x1b[2J" in out
    assert "\x1b]0;" not in out and "\x07" not in out
    assert repl.quit() == 0


def test_hint_after_a_verb(server, home):
    repl = Repl(server, home, term="xterm", env={"POTTERY_HISTFILE": ""})
    repl.prompt()
    repl.child.send("dict has ")
    repl.child.expect_exact("\x1b[2mKEY FIELD\x1b[0m")
    repl.child.send("k ")
    repl.child.expect_exact("\x1b[2mFIELD\x1b[0m")
    repl.child.sendcontrol("u")
    repl.child.sendline("quit")
    repl.child.expect(pexpect.EOF)


def test_ctrl_d_and_the_repl_command(server, home):
    repl = Repl(server, home, args=["repl"])
    repl.prompt()
    assert "PONG" in repl.run("ping")
    repl.child.sendeof()
    repl.child.expect(pexpect.EOF)
    repl.child.close()
    assert repl.child.exitstatus == 0


def test_long_output_goes_through_the_pager(server, r, key, home):
    r.sadd(key, *[str(n) for n in range(100)])
    # nl numbers the lines it pages: what it prints shows that the pager ran.
    repl = Repl(server, home, env={"POTTERY_PAGER": "nl -ba -w3 -s:", "POTTERY_HISTFILE": ""})
    repl.prompt()
    out = repl.run(f"set members {key}")
    assert "  1:0\r\n" in out and "100:99\r\n" in out
    r.sadd(key + "small", "1")
    assert "  1:" not in repl.run(f"set members {key}small")  # shorter than the terminal
    assert "pager off" in repl.run("--no-pager")
    assert "pager off" in repl.run("--no-pager")  # it turns the pager off, never on
    out = repl.run(f"set members {key}")
    assert "100:" not in out and len(out.split()) >= 100
    assert "pager on" in repl.run("--pager")
    assert "100:99" in repl.run(f"set members {key}")
    assert "100:" not in repl.run(f"set members {key} --no-pager")  # for one line
    # A stream never goes through the pager: each item shows as it comes, unnumbered.
    queue = key + "q"
    repl.run(f"queue put {queue} " + " ".join(str(n) for n in range(60)))
    repl.child.sendline(f"queue get {queue} --follow")
    repl.child.expect_exact("\r\n59\r\n")
    assert "\r\n0\r\n1\r\n" in repl.child.before and not re.search(r"^ *[0-9]+:", repl.child.before, re.M)
    repl.child.sendintr()
    repl.prompt()
    assert r.xlen(queue) == 0
    repl.quit()


def test_a_line_pipes_into_the_shell(server, r, key, home):
    r.hset(key, mapping={'"a"': "1", '"b"': "2", '"c|d"': '"x | y"'})
    repl = Repl(server, home, env={"POTTERY_PAGER": "nl -ba -w3 -s:"})
    repl.prompt()
    # Our command's words never meet the shell: a quoted '|' is an argument.
    out = repl.run(f"dict get {key} 'c|d' | tr a-z A-Z")
    assert '"X | Y"' in out
    out = repl.run(f"dict items {key} | sort -r | head -2")
    assert out.split("\r\n")[1:3] == ['["c|d", "x | y"]', '["b", 2]']
    # Into a pipe the output is a pipe's: redis-cli's raw form, never the pager.
    out = repl.run(f"redis HGETALL {key} | grep -c .")
    assert "\r\n6\r\n" in out
    assert "nothing after '|'" in repl.run(f"dict items {key} |")
    # A reader that stops early ends the command, not the session.
    r.rpush(key + "l", *range(100000))
    out = repl.run(f"list get {key}l : | head -1")
    assert out.split("\r\n")[1] == "0"
    assert "PONG" in repl.run("ping")
    assert repl.quit() == 0


def test_bash_ansi_c_quotes_are_read_as_bash_reads_them(server, r, key, home):
    repl = Repl(server, home)
    repl.prompt()
    repl.run(f"dict set {key} a $'x\\ny\\t\\u00e9\\x41\\101\\'q' b 'x$y'")
    assert r.hgetall(key) == {b'"a"': b'"x\\ny\\t\\u00e9AA\'q"', b'"b"': b'"x$y"'}
    assert "unterminated $'...' quote" in repl.run(f"dict set {key} c $'x")
    assert r.hlen(key) == 2
    assert repl.quit() == 0


def test_install_puts_binary_man_page_and_completions_under_the_prefix(home):
    import subprocess
    prefix = os.path.join(home, "prefix")
    script = os.path.join(os.path.dirname(__file__), "..", "..", "scripts", "install")
    result = subprocess.run(["bash", script, prefix], env={**os.environ, "POTTERY_BIN": _binary()},
                            capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    for path, mode in [("bin/pottery", 0o755), ("share/man/man1/pottery.1", 0o644),
                       ("share/bash-completion/completions/pottery", 0o644),
                       ("share/zsh/site-functions/_pottery", 0o644),
                       ("share/fish/vendor_completions.d/pottery.fish", 0o644)]:
        full = os.path.join(prefix, path)
        assert stat.S_IMODE(os.stat(full).st_mode) == mode, path
    version = subprocess.run([os.path.join(prefix, "bin/pottery"), "--version"], capture_output=True)
    assert version.stdout.startswith(b"pottery ")
    rendered = subprocess.run(["groff", "-man", "-ww", "-z", os.path.join(prefix, "share/man/man1/pottery.1")],
                              capture_output=True)
    assert rendered.returncode == 0 and rendered.stderr == b""


def test_status_connect_repeat_and_help_in_the_repl_s_words(server, r, key, home):
    port = server.rsplit(":", 1)[1].split("/")[0]
    repl = Repl(server, home, env={"POTTERY_PAGER": ""})
    repl.prompt()
    out = repl.run("status")
    assert f"server: redis://127.0.0.1:{port}/0 (POTTERY_URL, connected)" in out
    assert f"history: {home}/.pottery_history" in out and "locks: none" in out and "pager: off" in out
    out = repl.run(f"lock acquire {key}")
    out = repl.run("-j")
    out = repl.run("status")
    assert f"locks: {key} (1 master(s))" in out and "values: json" in out
    # N LINE runs LINE N times, as redis-cli does; into a pipe too.
    assert "\r\n4\r\n" in repl.run("4 ping | grep -c PONG")
    repl.run(f"3 counter update {key}c '\"a\"'")
    assert r.hget(key + "c", '"a"') == b"3"
    # connect HOST PORT, as redis-cli has it: the session's URL changes.
    repl.child.sendline(f"connect 127.0.0.1 {port}")
    repl.child.expect_exact(f"connected to redis://127.0.0.1:{port}/0")
    repl.prompt()
    # Help and errors speak of REPL lines, never of 'pottery ...'.
    out = repl.run("help dict")
    assert "Usage: dict VERB" in out and "'help dict VERB' for one verb" in out and "pottery --help" not in out
    out = repl.run(f"set memebers {key}")
    assert "unknown verb 'memebers'; did you mean 'members'? (see 'help set')" in out
    assert "(see 'help dict get')" in repl.run("dict get onlykey")
    # Help wraps to the terminal's width (200 columns here).
    out = repl.run("help lock run")
    assert max(len(line) for line in out.split("\r\n")) <= 200 and "Acquires as lock acquire" in out
    assert repl.quit() == 0
