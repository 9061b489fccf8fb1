"""`list append KEY -` of N NDJSON lines vs `redis-cli --pipe` of the same RPUSHes (issue 7: within
2x, peak memory at most 64 MiB)."""

TARGETS = [("pottery/redis-cli", "<=", 1.0, "issue 23"), ("same_items", "==", True, "same data")]


def run(ctx):
    ndjson = ctx.path("items.ndjson")
    with open(ndjson, "w") as f:
        for i in range(ctx.lines):
            f.write(f'{{"n": {i}, "name": "item {i}"}}\n')
    proto = ctx.resp_file(
        "items.resp", (["RPUSH", "bench:cli", f'{{"n": {i}, "name": "item {i}"}}'] for i in range(ctx.lines)))
    ratio, t_pot, t_pipe, rss = ctx.paired(
        ([ctx.pottery, "-u", ctx.url, "list", "append", "bench:list", "-"], ndjson), ctx.pipe(proto),
        ["bench:list", "bench:cli"])
    t_strict, rss_strict = ctx.timed(
        [ctx.pottery, "-u", ctx.url, "list", "append", "-j", "bench:strict", "-"], ndjson)
    same = (ctx.cli("LRANGE", "bench:list", "-3", "-1").stdout == ctx.cli("LRANGE", "bench:cli", "-3", "-1").stdout
            and ctx.cli("LLEN", "bench:list").stdout == ctx.cli("LLEN", "bench:cli").stdout)
    return {"lines": ctx.lines, "pottery_s": t_pot, "redis-cli --pipe_s": t_pipe,
            "pottery/redis-cli": ratio, "pottery_peak_rss_mib": rss,
            "pottery -j (MULTI/EXEC)_s": t_strict, "pottery -j/redis-cli": t_strict / t_pipe,
            "pottery -j_peak_rss_mib": rss_strict, "same_items": same}
