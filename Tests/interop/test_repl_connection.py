"""The REPL's connection state through a real pseudo-terminal: a prompt that says when the server
cannot be reached, a connection the server closed replaced and said, and a read whose connection
is lost mid-command run again (a write never is). A proxy between pottery and redis-server drops
a connection at the first command that carries a marker."""

import os
import socket
import threading

import pytest

from test_repl import Repl, home  # noqa: F401  (home is a fixture)
from conftest import _free_port


class DroppingProxy:
    """Forwards to redis-server; closes both sides the first time a command carries a marker."""

    def __init__(self, upstream_port, markers):
        self.upstream_port = upstream_port
        self.markers = set(markers)
        self.dropped = []
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source, target, inspect):
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                data = b""
            hit = inspect and next((m for m in self.markers if m.encode() in data), None)
            if not data or hit:
                if hit:
                    self.markers.discard(hit)
                    self.dropped.append(hit)
                for sock in (source, target):
                    try:
                        sock.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                    sock.close()
                return
            target.sendall(data)

    def close(self):
        self.listener.close()


def test_prompt_says_when_the_server_cannot_be_reached(server, home):  # noqa: F811
    dead = _free_port()
    repl = Repl(f"redis://127.0.0.1:{dead}/0", home)
    repl.child.expect_exact("Connection refused")
    repl.child.expect_exact(f"127.0.0.1:{dead}/0 (not connected)> ")
    port = server.rsplit(":", 1)[1].split("/")[0]
    repl.child.sendline(f"--url {server}")
    repl.child.expect_exact(f"connected to redis://127.0.0.1:{port}/0")
    repl.child.expect_exact(f"127.0.0.1:{port}/0> ")
    repl.child.sendline(f"--url redis://127.0.0.1:{dead}/0")
    repl.child.expect_exact(f"127.0.0.1:{dead}/0 (not connected)> ")
    repl.child.sendline("quit")
    repl.child.expect_exact("quit")


def test_a_closed_connection_is_replaced_and_said(server, r, key, home):  # noqa: F811
    repl = Repl(server, home)
    repl.prompt()
    assert "PONG" in repl.run("ping")
    killed = r.client_kill_filter(_type="normal", skipme=True)
    assert killed >= 1
    out = repl.run("ping")
    assert "the server had closed the connection; reconnected to" in out and "PONG" in out
    assert "reconnected" not in repl.run("ping")
    assert repl.quit() == 0


def test_a_read_is_run_again_when_its_connection_is_lost_and_a_write_is_not(server, r, key, home):  # noqa: F811
    upstream = int(server.rsplit(":", 1)[1].split("/")[0])
    read, raw, write = key + "-read", key + "-raw", key + "-write"
    proxy = DroppingProxy(upstream, [read, raw, write])
    try:
        r.hset(read, '"a"', "1")
        r.set(raw, "v")
        repl = Repl(f"redis://127.0.0.1:{proxy.port}/0", home)
        repl.prompt(proxy.port)
        out = repl.child
        repl.child.sendline(f"dict items {read}")
        out.expect_exact("running it again on a new connection")
        out.expect_exact('["a", 1]')
        repl.prompt(proxy.port)
        repl.child.sendline(f"GET {raw}")
        out.expect_exact("running it again on a new connection")
        out.expect_exact('"v"')
        repl.prompt(proxy.port)
        repl.child.sendline(f"dict set {write} a 1")
        repl.prompt(proxy.port)
        assert "running it again" not in out.before and "dict set" in out.before
        assert not r.exists(write)  # dropped before it reached the server, and not sent again
        assert proxy.dropped == [read, raw, write]
        repl.child.sendline("quit")
    finally:
        proxy.close()


def test_a_profile_line_switches_the_session(server, home):  # noqa: F811
    port = server.rsplit(":", 1)[1].split("/")[0]
    config = os.path.join(home, "config", "pottery")
    os.makedirs(config)
    with open(os.path.join(config, "config"), "w") as f:
        f.write(f"[profile here]\nurl = {server}\nvalues = json\n[profile gone]\nurl = redis://127.0.0.1:1/0\n")
    dead = _free_port()
    repl = Repl(f"redis://127.0.0.1:{dead}/0", home, env={"XDG_CONFIG_HOME": os.path.join(home, "config")})
    repl.child.expect_exact(f"127.0.0.1:{dead}/0 (not connected)> ")
    repl.child.sendline("-p here")
    repl.child.expect_exact(f"connected to redis://127.0.0.1:{port}/0")
    repl.port = port  # the prompt follows the profile's server
    repl.prompt()
    out = repl.run("status")
    assert "(profile here, connected)" in out and "values: json" in out
    repl.child.sendline("-p nope")
    repl.child.expect_exact("no profile 'nope'")
    repl.prompt()  # still on the same server
    assert "PONG" in repl.run("ping")
    repl.child.sendline("quit")
