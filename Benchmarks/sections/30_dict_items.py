"""`dict items` over a hash of N fields: items/s, streamed in bounded memory (SPEC 9: at least 1M/s);
redis-cli HGETALL (one reply holding everything) for scale."""

TARGETS = [("items_per_s", ">=", 2_000_000, "issue 23; SPEC 9: >= 1 M"), ("pottery_peak_rss_mib", "<=", 64, "bounded")]


def run(ctx):
    def commands():
        for start in range(0, ctx.lines, 1000):
            command = ["HSET", "bench:hash"]
            for i in range(start, min(start + 1000, ctx.lines)):
                command += [f'"field-{i}"', f'{{"n": {i}, "name": "user {i}"}}']
            yield command
    fields = ctx.resp_file("fields.resp", commands())
    ctx.timed(["redis-cli", "-p", str(ctx.port), "--pipe"], fields)
    t_items, rss = ctx.timed([ctx.pottery, "-u", ctx.url, "dict", "items", "bench:hash"])
    t_hgetall, _ = ctx.timed(["redis-cli", "-p", str(ctx.port), "HGETALL", "bench:hash"])
    return {"fields": ctx.lines, "pottery_s": t_items, "items_per_s": ctx.lines / t_items,
            "redis-cli HGETALL_s": t_hgetall, "pottery/redis-cli": t_items / t_hgetall,
            "pottery_peak_rss_mib": rss}
