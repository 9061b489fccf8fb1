"""`queue get --follow` draining N items (at most 100,000) vs Python pottery's `get()` loop draining
the same number (issue 7: at least 20x faster). Both start from a full queue; pottery's time runs
from its start to its N-th line, then it is stopped with SIGTERM."""

import os
import signal
import subprocess
import time


def fill(ctx, key, count):
    proto = ctx.resp_file(f"{key}.resp", (["XADD", key, "*", "item", f'{{"job": {i}}}'] for i in range(count)))
    with open(proto, "rb") as f:
        subprocess.run(["redis-cli", "-p", str(ctx.port), "--pipe"], stdin=f, check=True,
                       stdout=subprocess.DEVNULL)


def run(ctx):
    count = min(ctx.lines, 100_000)
    fill(ctx, "bench:pot", count)
    fill(ctx, "bench:py", count)

    start = time.monotonic()
    proc = subprocess.Popen([ctx.pottery, "-u", ctx.url, "queue", "get", "--follow", "bench:pot"],
                            stdout=subprocess.PIPE)
    seen = 0
    while seen < count:
        chunk = os.read(proc.stdout.fileno(), 1 << 16)
        if not chunk:
            raise SystemExit("pottery queue get --follow ended early")
        seen += chunk.count(b"\n")
    t_pot = time.monotonic() - start
    # SIGTERM rather than SIGINT: a benchmark run in the background has SIGINT ignored, and pottery
    # keeps a signal ignored at its start ignored, as shells do.
    proc.send_signal(signal.SIGTERM)
    status = proc.wait()

    script = ("import redis, time; from pottery import RedisSimpleQueue; "
              f"q = RedisSimpleQueue(redis=redis.Redis(port={ctx.port}), key='bench:py'); "
              f"[q.get() for _ in range({count})]")
    start = time.monotonic()
    subprocess.run([ctx.python, "-c", script], check=True)
    t_py = time.monotonic() - start
    left = int(ctx.cli("XLEN", "bench:pot").stdout) + int(ctx.cli("XLEN", "bench:py").stdout)
    return {"items": count, "pottery_s": t_pot, "python-pottery_s": t_py, "python/pottery": t_py / t_pot,
            "pottery_items_per_s": count / t_pot, "pottery_status_on_sigterm": status, "items_left": left}
