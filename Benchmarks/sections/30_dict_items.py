"""`dict items` over a hash of N fields: items/s, streamed in bounded memory (SPEC 9: at least 1M/s);
redis-cli HGETALL (one reply holding everything) for scale. The server's CPU time during pottery's
runs (INFO cpu: its HSCANs and the writing of their replies; INFO commandstats gives the HSCANs
alone) bounds what any client reading by cursor can reach, since the server is single-threaded:
the rate against that ceiling shows how close pottery comes to it."""

import statistics

TARGETS = [("items_per_s", ">=", 2_000_000, "issue 23; SPEC 9: >= 1 M"),
           ("items_per_s/server ceiling", ">=", 0.85, "server-bound"),
           ("pottery_peak_rss_mib", "<=", 64, "bounded")]


def server_seconds(ctx):
    """The server's CPU seconds so far, and its HSCANs' since the last CONFIG RESETSTAT."""
    cpu, hscan = 0.0, 0.0
    for line in ctx.cli("INFO", "all").stdout.decode().splitlines():
        if line.startswith(("used_cpu_user:", "used_cpu_sys:")):
            cpu += float(line.split(":")[1])
        elif line.startswith("cmdstat_hscan:"):
            hscan = int(line.split("usec=")[1].split(",")[0]) / 1e6
    return cpu, hscan


def run(ctx):
    def commands():
        for start in range(0, ctx.lines, 1000):
            command = ["HSET", "bench:hash"]
            for i in range(start, min(start + 1000, ctx.lines)):
                command += [f'"field-{i}"', f'{{"n": {i}, "name": "user {i}"}}']
            yield command
    fields = ctx.resp_file("fields.resp", commands())
    ctx.timed(["redis-cli", "-p", str(ctx.port), "--pipe"], fields)
    runs, server, hscan, peaks = [], [], [], []
    for _ in range(3):
        ctx.cli("CONFIG", "RESETSTAT")
        before, _ = server_seconds(ctx)
        t_items, rss = ctx.timed([ctx.pottery, "-u", ctx.url, "dict", "items", "bench:hash"])
        after, t_hscan = server_seconds(ctx)
        server.append(after - before)
        hscan.append(t_hscan)
        runs.append(t_items)
        peaks.append(rss)
    t_items, t_server = statistics.median(runs), statistics.median(server)
    t_hgetall, _ = ctx.timed(["redis-cli", "-p", str(ctx.port), "HGETALL", "bench:hash"])
    return {"fields": ctx.lines, "pottery_s": t_items, "items_per_s": ctx.lines / t_items,
            "server cpu_s": t_server, "server HSCAN_s": statistics.median(hscan),
            "server ceiling_items_per_s": ctx.lines / t_server, "items_per_s/server ceiling": t_server / t_items,
            "redis-cli HGETALL_s": t_hgetall, "pottery/redis-cli": t_items / t_hgetall,
            "pottery_peak_rss_mib": max(peaks)}
