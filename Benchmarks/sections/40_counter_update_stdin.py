"""`counter update KEY -` of N NDJSON lines vs `redis-cli --pipe` of the same HINCRBYs (issue 7: within
2x, 64 MiB). The elements are distinct, so pottery sends the same N commands (it sums repeats of an
element within a window, which would make a repetitive input cheaper than the comparison)."""

TARGETS = [("pottery/redis-cli", "<=", 1.0, "issue 23"), ("pottery_peak_rss_mib", "<=", 64, "issue 7"),
           ("same_fields", "==", True, "same data")]


def run(ctx):
    ndjson = ctx.path("elements.ndjson")
    with open(ndjson, "w") as f:
        for i in range(ctx.lines):
            f.write(f'"element-{i}"\n')
    proto = ctx.resp_file("hincrby.resp",
                          (["HINCRBY", "bench:cli", f'"element-{i}"', "1"] for i in range(ctx.lines)))
    ratio, t_pot, t_pipe, rss = ctx.paired(
        ([ctx.pottery, "-u", ctx.url, "counter", "update", "bench:counter", "-"], ndjson), ctx.pipe(proto),
        ["bench:counter", "bench:cli"])
    same = ctx.cli("HLEN", "bench:counter").stdout == ctx.cli("HLEN", "bench:cli").stdout
    return {"lines": ctx.lines, "pottery_s": t_pot, "redis-cli --pipe_s": t_pipe,
            "pottery/redis-cli": ratio, "pottery_peak_rss_mib": rss, "same_fields": same}
