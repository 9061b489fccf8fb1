"""`bf add KEY -` and `bf contains-many KEY -` of N elements vs Python pottery's BloomFilter.update and
contains_many on the same elements (SPEC 9: at least 20x faster, identical bits, 64 MiB)."""

PY_ADD = """
import json, sys, warnings, redis
from pottery import BloomFilter
warnings.filterwarnings('ignore')
values = [json.loads(line) for line in open(sys.argv[1])]
bf = BloomFilter(redis=redis.Redis(port=int(sys.argv[2])), key='bench:bf:py', num_elements=len(values),
                 false_positives=0.01)
bf.update(values)
"""

PY_CONTAINS = """
import json, sys, warnings, redis
from pottery import BloomFilter
warnings.filterwarnings('ignore')
values = [json.loads(line) for line in open(sys.argv[1])]
bf = BloomFilter(redis=redis.Redis(port=int(sys.argv[2])), key='bench:bf:py', num_elements=int(sys.argv[3]),
                 false_positives=0.01)
out = sys.stdout
for answer in bf.contains_many(*values):
    out.write('true\\n' if answer else 'false\\n')
"""

TARGETS = [("python/pottery add", ">=", 20, "SPEC 9"), ("python/pottery contains-many", ">=", 20, "SPEC 9"),
           ("identical_bits", "==", True, "same data")]


def run(ctx):
    n = ctx.lines
    adds = ctx.path("bf-adds.ndjson")
    with open(adds, "w") as f:
        for i in range(n):
            f.write(f'"user-{i}"\n')
    probes = ctx.path("bf-probes.ndjson")
    with open(probes, "w") as f:
        for i in range(n):
            f.write(f'"user-{i}"\n' if i % 2 == 0 else f'"stranger-{i}"\n')
    py_add, py_contains = ctx.path("bf_add.py"), ctx.path("bf_contains.py")
    open(py_add, "w").write(PY_ADD)
    open(py_contains, "w").write(PY_CONTAINS)
    flags = ["--capacity", str(n), "--error-rate", "0.01"]

    t_pot_add, rss_add = ctx.timed([ctx.pottery, "-u", ctx.url, "bf", "add", "bench:bf", "-", *flags], adds)
    t_py_add, _ = ctx.timed([ctx.python, py_add, adds, str(ctx.port)])
    same_bits = ctx.cli("GET", "bench:bf").stdout == ctx.cli("GET", "bench:bf:py").stdout

    ours, theirs = ctx.path("bf-ours.out"), ctx.path("bf-theirs.out")
    with open(ours, "wb") as out:
        t_pot_contains, rss_contains = ctx.timed(
            [ctx.pottery, "-u", ctx.url, "bf", "contains-many", "bench:bf", "-"], probes, stdout=out)
    with open(theirs, "wb") as out:
        t_py_contains, _ = ctx.timed([ctx.python, py_contains, probes, str(ctx.port), str(n)], stdout=out)
    same_answers = open(ours, "rb").read() == open(theirs, "rb").read()
    return {"elements": n, "pottery_add_s": t_pot_add, "python_update_s": t_py_add,
            "python/pottery add": t_py_add / t_pot_add, "pottery_add_peak_rss_mib": rss_add,
            "pottery_contains_many_s": t_pot_contains, "python_contains_many_s": t_py_contains,
            "python/pottery contains-many": t_py_contains / t_pot_contains,
            "pottery_contains_peak_rss_mib": rss_contains, "identical_bits": same_bits,
            "identical_answers": same_answers}
