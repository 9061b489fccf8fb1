"""`hll add KEY -` of N NDJSON lines vs `redis-cli --pipe` of the same PFADDs (within 2x), same registers."""

TARGETS = [("pottery/redis-cli one PFADD per line", "<=", 1.0, "issue 23"),
           ("pottery/redis-cli", "<=", 2.0, "issue 7: against PFADDs of 1024 values"), ("same_registers", "==", True, "same data")]


def run(ctx):
    ndjson = ctx.path("searches.ndjson")
    with open(ndjson, "w") as f:
        for i in range(ctx.lines):
            f.write(f'"search-{i}"\n')
    n = ctx.lines
    proto = ctx.resp_file("searches.resp", (["PFADD", "bench:cli"] + [f'"search-{j}"' for j in range(i, min(i + 1024, n))]
                                            for i in range(0, n, 1024)))
    single = ctx.resp_file("searches-single.resp", (["PFADD", "bench:one", f'"search-{j}"'] for j in range(n)))
    mine = ([ctx.pottery, "-u", ctx.url, "hll", "add", "bench:hll", "-"], ndjson)
    ratio, t_pot, t_pipe, rss = ctx.paired(mine, ctx.pipe(proto), ["bench:hll", "bench:cli"])
    ratio_single, _, t_single, _ = ctx.paired(mine, ctx.pipe(single), ["bench:hll", "bench:one"])
    ctx.cli("PFMERGE", "bench:a", "bench:hll")
    ctx.cli("PFMERGE", "bench:b", "bench:cli")
    same = ctx.cli("GET", "bench:a").stdout == ctx.cli("GET", "bench:b").stdout
    return {"lines": n, "pottery_s": t_pot, "redis-cli --pipe_s": t_pipe, "pottery/redis-cli": ratio,
            "redis-cli --pipe one per line_s": t_single, "pottery/redis-cli one PFADD per line": ratio_single,
            "pottery_peak_rss_mib": rss, "same_registers": same}
