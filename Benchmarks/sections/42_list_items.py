"""`list items` over a list of N items: items/s, streamed in LRANGE windows in bounded memory
(issue 7: at least 1M/s); redis-cli LRANGE 0 -1 (one reply holding everything) for scale."""


def run(ctx):
    def commands():
        for start in range(0, ctx.lines, 1000):
            yield ["RPUSH", "bench:items"] + [
                f'{{"n": {i}, "name": "item {i}"}}' for i in range(start, min(start + 1000, ctx.lines))]
    ctx.timed(["redis-cli", "-p", str(ctx.port), "--pipe"], ctx.resp_file("list.resp", commands()))
    t_items, rss = ctx.timed([ctx.pottery, "-u", ctx.url, "list", "items", "bench:items"])
    t_slice, _ = ctx.timed([ctx.pottery, "-u", ctx.url, "list", "get", "bench:items", "::-2"])
    t_lrange, _ = ctx.timed(["redis-cli", "-p", str(ctx.port), "LRANGE", "bench:items", "0", "-1"])
    return {"items": ctx.lines, "pottery_s": t_items, "items_per_s": ctx.lines / t_items,
            "get ::-2_items_per_s": (ctx.lines // 2) / t_slice,
            "redis-cli LRANGE_s": t_lrange, "pottery/redis-cli": t_items / t_lrange,
            "pottery_peak_rss_mib": rss}
