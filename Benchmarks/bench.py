"""pottery's performance targets (SPEC 9), measured as ratios against peers in the same run."""

import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time

POTTERY = sys.argv[1]
LINES = int(os.environ.get("BENCH_LINES", "1000000"))
OUT = os.path.join(os.getcwd(), "bench-results")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server():
    port = free_port()
    workdir = tempfile.mkdtemp(prefix="pottery-bench-")
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", workdir],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(500):
        if subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).stdout == b"PONG\n":
            return proc, port, workdir
        time.sleep(0.01)
    raise SystemExit("redis-server did not start")


def cli(port, *args, stdin=None):
    return subprocess.run(["redis-cli", "-p", str(port), *args], input=stdin, capture_output=True, check=True)


def hyperfine(commands, runs):
    path = os.path.join(OUT, "hyperfine.json")
    subprocess.run(["hyperfine", "-N", "--warmup", "20", "--runs", str(runs), "--export-json", path,
                    *commands], check=True, stdout=subprocess.DEVNULL)
    with open(path) as f:
        return [r["mean"] for r in json.load(f)["results"]]


def timed(argv, stdin_path):
    """Wall time and peak RSS (MiB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(stdin_path, "rb") as f:
        start = time.monotonic()
        proc = subprocess.Popen(argv, stdin=f, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.monotonic() - start
    if status != 0:
        raise SystemExit(f"{argv[0]} failed with {status}")
    return elapsed, usage.ru_maxrss / 1024


def main():
    os.makedirs(OUT, exist_ok=True)
    proc, port, workdir = start_server()
    url = f"redis://127.0.0.1:{port}/0"
    report = {}
    try:
        # 1. One read, end to end, process start included.
        cli(port, "HSET", "bench:dict", '"name"', '"jack"')
        py = ("import redis; from pottery import RedisDict; "
              f"print(RedisDict(redis=redis.Redis(port={port}), key='bench:dict')['name'])")
        pot, rcli, pyt = hyperfine([f"{POTTERY} -u {url} dict get bench:dict name",
                                    f"redis-cli -p {port} HGET bench:dict '\"name\"'",
                                    f"{sys.executable} -c \"{py}\""], runs=300)
        report["dict_get_ms"] = {"pottery": pot * 1e3, "redis-cli": rcli * 1e3, "python-pottery": pyt * 1e3,
                                 "pottery/redis-cli": pot / rcli, "python/pottery": pyt / pot}

        # 2. set add KEY - with LINES NDJSON lines vs redis-cli --pipe of the same SADDs.
        ndjson = os.path.join(workdir, "members.ndjson")
        proto = os.path.join(workdir, "members.resp")
        with open(ndjson, "w") as a, open(proto, "w") as b:
            for i in range(LINES):
                member = f'"member-{i}"'
                a.write(member + "\n")
                b.write(f"*3\r\n$4\r\nSADD\r\n$9\r\nbench:cli\r\n${len(member)}\r\n{member}\r\n")
        t_pipe, _ = timed(["redis-cli", "-p", str(port), "--pipe"], proto)
        t_pot, rss = timed([POTTERY, "-u", url, "set", "add", "bench:set", "-"], ndjson)
        same = cli(port, "SCARD", "bench:set").stdout == cli(port, "SCARD", "bench:cli").stdout
        report["set_add_stdin"] = {"lines": LINES, "pottery_s": t_pot, "redis-cli --pipe_s": t_pipe,
                                   "pottery/redis-cli": t_pot / t_pipe, "pottery_peak_rss_mib": rss,
                                   "same_members": same}

        # 3. dict items over a hash of LINES fields: items/s, streamed in bounded memory; redis-cli
        #    HGETALL (one reply holding everything) for scale.
        fields = os.path.join(workdir, "fields.resp")
        with open(fields, "w") as b:
            for start in range(0, LINES, 1000):
                chunk = range(start, min(start + 1000, LINES))
                parts = []
                for i in chunk:
                    field, value = f'"field-{i}"', f'{{"n": {i}, "name": "user {i}"}}'
                    parts.append(f"${len(field)}\r\n{field}\r\n${len(value)}\r\n{value}\r\n")
                b.write(f"*{2 + 2 * len(chunk)}\r\n$4\r\nHSET\r\n$10\r\nbench:hash\r\n" + "".join(parts))
        timed(["redis-cli", "-p", str(port), "--pipe"], fields)
        t_items, rss_items = timed([POTTERY, "-u", url, "dict", "items", "bench:hash"], os.devnull)
        t_hgetall, _ = timed(["redis-cli", "-p", str(port), "HGETALL", "bench:hash"], os.devnull)
        report["dict_items"] = {"fields": LINES, "pottery_s": t_items, "items_per_s": LINES / t_items,
                                "redis-cli HGETALL_s": t_hgetall, "pottery/redis-cli": t_items / t_hgetall,
                                "pottery_peak_rss_mib": rss_items}
    finally:
        proc.terminate()
        proc.wait()
        shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(report, indent=2))
    with open(os.path.join(OUT, "report.json"), "w") as f:
        json.dump(report, f, indent=2)


main()
