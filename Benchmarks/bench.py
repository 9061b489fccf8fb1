"""pottery's performance targets (SPEC 9, issue 23), measured as ratios against peers in the same run.
Each section file lists its targets (TARGETS: figure, comparison, bound, where it comes from); every
one is printed `ok` or `SHORT` after its section, and the run ends with the count, exiting 1 when a
figure falls short, as a test runner does.

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
    verdicts = []
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
        for figure, op, bound, source in getattr(module, "TARGETS", []):
            verdicts.append(judge(name, report[name], figure, op, bound, source))
            print(verdicts[-1][1], flush=True)
    print(json.dumps(report, indent=2))
    with open(os.path.join(out, "report.json"), "w") as f:
        json.dump(report, f, indent=2)
    short = [line for ok, line in verdicts if not ok]
    print(f"{len(verdicts) - len(short)} ok, {len(short)} SHORT" + "".join("\n" + line for line in short))
    sys.exit(1 if short else 0)


def judge(section, figures, figure, op, bound, source):
    """One target of a section (`TARGETS` in its file): ok or SHORT, with the figure and the bound."""
    value = figures.get(figure)
    ok = value is not None and {"<=": lambda: value <= bound, ">=": lambda: value >= bound,
                                "==": lambda: value == bound}[op]()
    shown = f"{value:.3g}" if isinstance(value, float) else str(value)
    return ok, f"  {'ok' if ok else 'SHORT':5} {section} {figure} = {shown} (target {op} {bound}: {source})"


main()
