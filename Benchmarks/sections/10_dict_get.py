"""One read, end to end, process start included (SPEC 9): pottery vs redis-cli vs Python pottery."""

TARGETS = [("pottery/redis-cli", "<=", 0.6, "issue 23; SPEC 9: <= 1"), ("python/pottery", ">=", 40, "SPEC 9")]


def run(ctx):
    ctx.cli("HSET", "bench:dict", '"name"', '"jack"')
    py = ("import redis; from pottery import RedisDict; "
          f"print(RedisDict(redis=redis.Redis(port={ctx.port}), key='bench:dict')['name'])")
    pot, rcli, pyt = ctx.hyperfine([f"{ctx.pottery} -u {ctx.url} dict get bench:dict name",
                                    f"redis-cli -p {ctx.port} HGET bench:dict '\"name\"'",
                                    f"{ctx.python} -c \"{py}\""], runs=300)
    return {"pottery_ms": pot * 1e3, "redis-cli_ms": rcli * 1e3, "python-pottery_ms": pyt * 1e3,
            "pottery/redis-cli": pot / rcli, "python/pottery": pyt / pot}
