"""`queue get --follow` draining N items (at most 100,000) vs Python pottery's `get()` loop draining
the same number (issue 7). Both start from a full queue; pottery's time runs from its start to its
N-th line, then it is stopped with SIGTERM.

Into a pipe, `--follow` takes an item only once the reader has read the one before (issue 17), so it
is measured three ways: into a pipe one at a time (the default, what a shell worker gets), into a
pipe with `--batch 256`, and into a file (`--nowait > file`: nothing waits for a reader there)."""

import os
import signal
import subprocess
import time


def fill(ctx, key, count):
    proto = ctx.resp_file(f"{key}.resp", (["XADD", key, "*", "item", f'{{"job": {i}}}'] for i in range(count)))
    with open(proto, "rb") as f:
        subprocess.run(["redis-cli", "-p", str(ctx.port), "--pipe"], stdin=f, check=True,
                       stdout=subprocess.DEVNULL)


def into_pipe(ctx, key, count, *extra):
    """Seconds until the reader saw `count` lines, and pottery's status on SIGTERM."""
    start = time.monotonic()
    proc = subprocess.Popen([ctx.pottery, "-u", ctx.url, "queue", "get", "--follow", *extra, key],
                            stdout=subprocess.PIPE)
    seen = 0
    while seen < count:
        chunk = os.read(proc.stdout.fileno(), 1 << 16)
        if not chunk:
            raise SystemExit("pottery queue get --follow ended early")
        seen += chunk.count(b"\n")
    elapsed = time.monotonic() - start
    # SIGTERM rather than SIGINT: a benchmark run in the background has SIGINT ignored, and pottery
    # keeps a signal ignored at its start ignored, as shells do.
    proc.send_signal(signal.SIGTERM)
    return elapsed, proc.wait()


def into_file(ctx, key, count):
    path = os.path.join(ctx.out, "queue-follow.ndjson")
    start = time.monotonic()
    with open(path, "wb") as f:
        subprocess.run([ctx.pottery, "-u", ctx.url, "queue", "get", "--follow", "--nowait", key], stdout=f,
                       check=True)
    elapsed = time.monotonic() - start
    with open(path, "rb") as f:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 16), b""))
    os.remove(path)
    if lines != count:
        raise SystemExit(f"pottery queue get --follow --nowait > file wrote {lines} of {count} lines")
    return elapsed


def run(ctx):
    count = min(ctx.lines, 100_000)
    for key in ("bench:pot", "bench:batch", "bench:file", "bench:py"):
        fill(ctx, key, count)

    t_pot, status = into_pipe(ctx, "bench:pot", count)
    t_batch, _ = into_pipe(ctx, "bench:batch", count, "--batch", "256")
    t_file = into_file(ctx, "bench:file", count)

    script = ("import redis, time; from pottery import RedisSimpleQueue; "
              f"q = RedisSimpleQueue(redis=redis.Redis(port={ctx.port}), key='bench:py'); "
              f"[q.get() for _ in range({count})]")
    start = time.monotonic()
    subprocess.run([ctx.python, "-c", script], check=True)
    t_py = time.monotonic() - start
    left = sum(int(ctx.cli("XLEN", key).stdout) for key in ("bench:pot", "bench:batch", "bench:file", "bench:py"))
    return {"items": count, "pottery_s": t_pot, "python-pottery_s": t_py, "python/pottery": t_py / t_pot,
            "pottery_items_per_s": count / t_pot, "pottery_status_on_sigterm": status,
            "batch256_items_per_s": count / t_batch, "python/pottery_batch256": t_py / t_batch,
            "file_items_per_s": count / t_file, "python/pottery_file": t_py / t_file, "items_left": left}
