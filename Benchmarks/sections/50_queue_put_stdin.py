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
    t_pipe, _ = ctx.timed(["redis-cli", "-p", str(ctx.port), "--pipe"], proto)
    t_pot, rss = ctx.timed([ctx.pottery, "-u", ctx.url, "queue", "put", "bench:queue", "-"], ndjson)
    same = ctx.cli("XLEN", "bench:queue").stdout == ctx.cli("XLEN", "bench:cli").stdout
    return {"lines": ctx.lines, "pottery_s": t_pot, "redis-cli --pipe_s": t_pipe,
            "pottery/redis-cli": t_pot / t_pipe, "pottery_peak_rss_mib": rss, "same_length": same}
