"""`dict items` over a hash of N fields: items/s, streamed in bounded memory (SPEC 9: at least 1M/s);
redis-cli HGETALL (one reply holding everything) for scale. The server's own time in HSCAN during
pottery's runs (INFO commandstats) bounds what any client reading by cursor can reach: the rate
against that ceiling shows how close pottery comes to it."""

import statistics

TARGETS = [("items_per_s", ">=", 2_000_000, "issue 23; SPEC 9: >= 1 M"),
           ("items_per_s/server HSCAN ceiling", ">=", 0.85, "server-bound"),
           ("pottery_peak_rss_mib", "<=", 64, "bounded")]


def server_hscan_seconds(ctx):
    for line in ctx.cli("INFO", "commandstats").stdout.decode().splitlines():
        if line.startswith("cmdstat_hscan:"):
            return int(line.split("usec=")[1].split(",")[0]) / 1e6
    return 0.0


def run(ctx):
    def commands():
        for start in range(0, ctx.lines, 1000):
            command = ["HSET", "bench:hash"]
            for i in range(start, min(start + 1000, ctx.lines)):
                command += [f'"field-{i}"', f'{{"n": {i}, "name": "user {i}"}}']
            yield command
    fields = ctx.resp_file("fields.resp", commands())
    ctx.timed(["redis-cli", "-p", str(ctx.port), "--pipe"], fields)
    runs, server, peaks = [], [], []
    for _ in range(3):
        ctx.cli("CONFIG", "RESETSTAT")
        t_items, rss = ctx.timed([ctx.pottery, "-u", ctx.url, "dict", "items", "bench:hash"])
        server.append(server_hscan_seconds(ctx))
        runs.append(t_items)
        peaks.append(rss)
    t_items, t_server = statistics.median(runs), statistics.median(server)
    t_hgetall, _ = ctx.timed(["redis-cli", "-p", str(ctx.port), "HGETALL", "bench:hash"])
    return {"fields": ctx.lines, "pottery_s": t_items, "items_per_s": ctx.lines / t_items,
            "server HSCAN_s": t_server, "server HSCAN ceiling_items_per_s": ctx.lines / t_server,
            "items_per_s/server HSCAN ceiling": t_server / t_items,
            "redis-cli HGETALL_s": t_hgetall, "pottery/redis-cli": t_items / t_hgetall,
            "pottery_peak_rss_mib": max(peaks)}
