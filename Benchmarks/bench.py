"""pottery's performance targets (SPEC 9), measured as ratios against peers in the same run.

Usage: bench.py POTTERY [SECTION...]   (sections are the files in Benchmarks/sections/, without their
number and .py; all of them by default). BENCH_LINES sets the bulk sizes (default 1,000,000)."""

import importlib.util
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import Context, start_server  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def sections(wanted):
    folder = os.path.join(HERE, "sections")
    for file in sorted(os.listdir(folder)):
        if not file.endswith(".py"):
            continue
        name = file[:-3].split("_", 1)[1]
        if wanted and name not in wanted:
            continue
        spec = importlib.util.spec_from_file_location(name, os.path.join(folder, file))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield name, module


def main():
    pottery, wanted = sys.argv[1], set(sys.argv[2:])
    out = os.path.join(os.getcwd(), "bench-results")
    os.makedirs(out, exist_ok=True)
    lines = int(os.environ.get("BENCH_LINES", "1000000"))
    report = {}
    for name, module in sections(wanted):
        # A fresh server per section, so one section's data never weighs on another's figures.
        proc, port, workdir = start_server()
        try:
            report[name] = module.run(Context(pottery, lines, out, port, workdir))
        finally:
            proc.terminate()
            proc.wait()
            shutil.rmtree(workdir, ignore_errors=True)
        print(name, json.dumps(report[name]), flush=True)
    print(json.dumps(report, indent=2))
    with open(os.path.join(out, "report.json"), "w") as f:
        json.dump(report, f, indent=2)


main()
