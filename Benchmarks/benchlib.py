"""What every benchmark section shares: a private redis-server, redis-cli, hyperfine and timing of whole
processes. A section is a file in Benchmarks/sections/ with `run(ctx) -> dict`; its name is the key of
its figures in the report."""

import json
import os
import statistics
import shutil
import socket
import subprocess
import sys
import tempfile
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(*extra):
    """A redis-server on a free loopback port, in its own directory; (process, port, directory)."""
    port = free_port()
    workdir = tempfile.mkdtemp(prefix="pottery-bench-")
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", workdir, *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(500):
        if subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).stdout == b"PONG\n":
            return proc, port, workdir
        time.sleep(0.01)
    raise SystemExit("redis-server did not start")


class Cluster:
    """A private Redis Cluster of 6 nodes (3 masters, 3 replicas) on free loopback ports, each in its own
    directory, made with `redis-cli --cluster create` and ready once every node reports
    cluster_state:ok and every replica has synced. `stop()` kills every node."""

    def __init__(self):
        self.nodes = []  # (process, port, directory)
        try:
            for _ in range(6):
                self.nodes.append(start_server("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                                               "--cluster-node-timeout", "2000", "--cluster-port",
                                               str(free_port())))
            subprocess.run(["redis-cli", "--cluster", "create", *[f"127.0.0.1:{p}" for p in self.ports],
                            "--cluster-replicas", "1", "--cluster-yes"], check=True, capture_output=True)
            deadline = time.monotonic() + 60
            while not self.ready():
                if time.monotonic() > deadline:
                    raise SystemExit("the cluster did not reach cluster_state:ok")
                time.sleep(0.05)  # between polls of the cluster's gossip
        except BaseException:
            self.stop()
            raise

    @property
    def ports(self):
        return [port for _, port, _ in self.nodes]

    def cli(self, port, *args):
        return subprocess.run(["redis-cli", "-p", str(port), *args], capture_output=True, text=True).stdout

    def ready(self):
        for port in self.ports:
            info = self.cli(port, "CLUSTER", "INFO")
            if "cluster_state:ok" not in info or "cluster_known_nodes:6" not in info:
                return False
            replication = self.cli(port, "INFO", "replication")
            if "role:master" not in replication and "master_link_status:up" not in replication:
                return False
        return True

    def stop(self):
        for proc, _, workdir in self.nodes:
            proc.kill()
            proc.wait()
            shutil.rmtree(workdir, ignore_errors=True)
        self.nodes = []


class Context:
    """The run's settings and its server."""

    def __init__(self, pottery, lines, out, port, workdir):
        self.pottery = pottery
        self.lines = lines
        self.out = out
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.workdir = workdir
        self.python = sys.executable

    def cli(self, *args, stdin=None):
        return subprocess.run(["redis-cli", "-p", str(self.port), *args], input=stdin, capture_output=True,
                              check=True)

    def hyperfine(self, commands, runs):
        """Mean seconds of each shell-free command line, measured in turn by hyperfine."""
        path = os.path.join(self.out, "hyperfine.json")
        subprocess.run(["hyperfine", "-N", "--warmup", "20", "--runs", str(runs), "--export-json", path,
                        *commands], check=True, stdout=subprocess.DEVNULL)
        with open(path) as f:
            return [r["mean"] for r in json.load(f)["results"]]

    def timed(self, argv, stdin_path=os.devnull, stdout=subprocess.DEVNULL):
        """Wall time and peak RSS (MiB) of one child process, which must succeed.

        The peak comes from /usr/bin/time, which runs the command as its own child: Linux carries a
        process's RSS high-water mark across fork and exec, so a command started straight from this
        Python process would report at least Python's own size as its peak."""
        peak_file = self.path("peak-rss.txt")
        with open(stdin_path, "rb") as f:
            start = time.monotonic()
            proc = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", peak_file, *argv], stdin=f, stdout=stdout)
            _, status, _ = os.wait4(proc.pid, 0)
            elapsed = time.monotonic() - start
        if status != 0:
            raise SystemExit(f"{argv[:4]} failed with status {status}")
        with open(peak_file) as f:
            return elapsed, int(f.read().split()[-1]) / 1024

    def paired(self, pottery, peer, keys):
        """pottery and its peer, each `(argv, stdin path)`, run in turn `rounds` times (BENCH_ROUNDS,
        default 5; the order alternates between rounds), `keys` deleted before each round so both
        start empty. A bulk write is server-bound here: pottery's time over the peer's in one round
        is a ratio whose noise on this 2-core machine is about +-30% from one run to the next, so
        the figure is the median of the rounds' ratios. Returns (median ratio, median pottery
        seconds, median peer seconds, pottery's largest peak RSS in MiB)."""
        rounds = int(os.environ.get("BENCH_ROUNDS", "5"))
        ratios, mine, theirs, peaks = [], [], [], []
        sides = (pottery, peer)
        for round_ in range(rounds):
            self.cli("DEL", *keys)
            results = [None, None]
            for side in ((0, 1) if round_ % 2 == 0 else (1, 0)):
                results[side] = self.timed(*sides[side])
            (t_pot, rss), (t_peer, _) = results
            ratios.append(t_pot / t_peer)
            if os.environ.get("BENCH_VERBOSE"):
                print(f"    round {round_}: {t_pot:.3f} s / {t_peer:.3f} s = {t_pot / t_peer:.3f}", file=sys.stderr)
            mine.append(t_pot)
            theirs.append(t_peer)
            peaks.append(rss)
        return statistics.median(ratios), statistics.median(mine), statistics.median(theirs), max(peaks)

    def pipe(self, resp_path):
        """`redis-cli --pipe` of a RESP file, as the peer of ``paired``."""
        return ["redis-cli", "-p", str(self.port), "--pipe"], resp_path

    def path(self, name):
        return os.path.join(self.workdir, name)

    def resp_file(self, name, commands):
        """Writes `commands` (lists of str) as RESP for `redis-cli --pipe`; returns the path."""
        path = self.path(name)
        with open(path, "wb") as f:
            for command in commands:
                parts = [f"*{len(command)}\r\n".encode()]
                for argument in command:
                    data = argument.encode()
                    parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
                f.write(b"".join(parts))
        return path
