"""Batch mode (and so the REPL's dispatch path): N commands from one file over one connection
(SPEC 9: thousands of commands per second), against redis-cli reading the same commands."""

TARGETS = [("pottery_commands_per_s", ">=", 1000, "SPEC 9: thousands per second")]


def run(ctx):
    n = min(ctx.lines, 100_000)
    ctx.cli("HSET", "bench:batch", '"name"', '"jack"')
    script = ctx.path("batch.pottery")
    with open(script, "w") as f:
        for _ in range(n):
            f.write("dict get bench:batch name\n")
    plain = ctx.path("batch.redis-cli")
    with open(plain, "w") as f:
        for _ in range(n):
            f.write("HGET bench:batch '\"name\"'\n")
    t_pot, rss = ctx.timed([ctx.pottery, "-u", ctx.url], script)
    t_cli, _ = ctx.timed(["redis-cli", "-p", str(ctx.port)], plain)
    return {"commands": n, "pottery_commands_per_s": n / t_pot, "redis-cli_commands_per_s": n / t_cli,
            "pottery/redis-cli": t_pot / t_cli, "pottery_peak_rss_mib": rss}
