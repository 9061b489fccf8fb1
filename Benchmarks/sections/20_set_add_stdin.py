"""`set add KEY -` of N NDJSON lines vs `redis-cli --pipe` of the same SADDs (SPEC 9: within 2x, 64 MiB)."""

TARGETS = [("pottery/redis-cli", "<=", 1.0, "issue 23; SPEC 9: <= 2"), ("pottery_peak_rss_mib", "<=", 64, "SPEC 9"),
           ("same_members", "==", True, "same data")]


def run(ctx):
    ndjson = ctx.path("members.ndjson")
    with open(ndjson, "w") as f:
        for i in range(ctx.lines):
            f.write(f'"member-{i}"\n')
    proto = ctx.resp_file("members.resp", (["SADD", "bench:cli", f'"member-{i}"'] for i in range(ctx.lines)))
    ratio, t_pot, t_pipe, rss = ctx.paired(([ctx.pottery, "-u", ctx.url, "set", "add", "bench:set", "-"], ndjson),
                                           ctx.pipe(proto), ["bench:set", "bench:cli"])
    same = ctx.cli("SCARD", "bench:set").stdout == ctx.cli("SCARD", "bench:cli").stdout
    return {"lines": ctx.lines, "pottery_s": t_pot, "redis-cli --pipe_s": t_pipe,
            "pottery/redis-cli": ratio, "pottery_peak_rss_mib": rss, "same_members": same}
