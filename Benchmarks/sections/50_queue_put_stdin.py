"""`queue put KEY -` of N NDJSON lines vs `redis-cli --pipe` of the same XADDs (issue 7: within 2x,
64 MiB)."""

TARGETS = [("pottery/redis-cli", "<=", 1.0, "issue 23"), ("pottery_peak_rss_mib", "<=", 64, "issue 7"),
           ("same_length", "==", True, "same data")]


def run(ctx):
    ndjson = ctx.path("items.ndjson")
    with open(ndjson, "w") as f:
        for i in range(ctx.lines):
            f.write(f'{{"job": {i}}}\n')
    proto = ctx.resp_file("xadd.resp",
                          (["XADD", "bench:cli", "*", "item", f'{{"job": {i}}}'] for i in range(ctx.lines)))
    ratio, t_pot, t_pipe, rss = ctx.paired(
        ([ctx.pottery, "-u", ctx.url, "queue", "put", "bench:queue", "-"], ndjson), ctx.pipe(proto),
        ["bench:queue", "bench:cli"])
    same = ctx.cli("XLEN", "bench:queue").stdout == ctx.cli("XLEN", "bench:cli").stdout
    return {"lines": ctx.lines, "pottery_s": t_pot, "redis-cli --pipe_s": t_pipe,
            "pottery/redis-cli": ratio, "pottery_peak_rss_mib": rss, "same_length": same}
