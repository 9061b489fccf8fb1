"""`deque extend KEY -` of N NDJSON lines vs `redis-cli --pipe` of the same RPUSHes (issue 7: within
2x, peak memory at most 64 MiB); with `--maxlen` too, where each batch is pushed and trimmed by one
script."""

TARGETS = [("pottery/redis-cli", "<=", 1.0, "issue 23: every bulk write"), ("maxlen_kept", "==", True, "same data")]


def run(ctx):
    ndjson = ctx.path("deque.ndjson")
    with open(ndjson, "w") as f:
        for i in range(ctx.lines):
            f.write(f'"event-{i}"\n')
    proto = ctx.resp_file("deque.resp", (["RPUSH", "bench:cli", f'"event-{i}"'] for i in range(ctx.lines)))
    ratio, t_pot, t_pipe, rss = ctx.paired(
        ([ctx.pottery, "-u", ctx.url, "deque", "extend", "bench:deque", "-"], ndjson), ctx.pipe(proto),
        ["bench:deque", "bench:cli"])
    t_max, rss_max = ctx.timed(
        [ctx.pottery, "-u", ctx.url, "deque", "extend", "bench:bounded", "-", "--maxlen", "1000"], ndjson)
    bounded_ok = ctx.cli("LLEN", "bench:bounded").stdout.strip() == str(min(1000, ctx.lines)).encode()
    same = ctx.cli("LLEN", "bench:deque").stdout == ctx.cli("LLEN", "bench:cli").stdout
    return {"lines": ctx.lines, "pottery_s": t_pot, "redis-cli --pipe_s": t_pipe,
            "pottery/redis-cli": ratio, "pottery_peak_rss_mib": rss,
            "pottery --maxlen 1000_s": t_max, "pottery --maxlen/redis-cli": t_max / t_pipe,
            "pottery --maxlen_peak_rss_mib": rss_max, "same_length": same, "maxlen_kept": bounded_ok}
