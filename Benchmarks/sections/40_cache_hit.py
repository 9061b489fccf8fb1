"""A `cache run` hit, whole processes (issue 10): at most 1.5x a bare `pottery dict get`; one round trip
plus the output. Also a hit with 1 MiB of output, and the miss path's overhead over the bare command."""


def run(ctx):
    ctx.cli("HSET", "bench:dict", '"name"', '"jack"')
    big = ctx.path("big")
    with open(big, "wb") as f:
        f.write(bytes(range(256)) * 4096)
    base = f"{ctx.pottery} -u {ctx.url}"
    hit = f"{base} cache run bench:cache --ttl 0 -- echo report"
    big_hit = f"{base} cache run bench:cache --ttl 0 -- cat {big}"
    # --max-bytes 0 with output: never stored, so every run is a miss that runs the command.
    miss = f"{base} cache run bench:miss --max-bytes 0 -- echo report"
    ctx.timed(hit.split())
    ctx.timed(big_hit.split())
    dict_get, hit_s, big_s, miss_s, bare = ctx.hyperfine(
        [f"{base} dict get bench:dict name", hit, big_hit, miss, "echo report"], runs=300)
    return {"dict_get_ms": dict_get * 1e3, "cache_hit_ms": hit_s * 1e3, "cache_hit_1MiB_ms": big_s * 1e3,
            "cache_miss_ms": miss_s * 1e3, "bare_echo_ms": bare * 1e3, "hit/dict_get": hit_s / dict_get}
