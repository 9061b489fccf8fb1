"""lock and nextid over 5 local masters (issue 8): Redlock acquire/release cycles per second in one
pottery process (batch mode, one connection per master) against Python pottery's Redlock in one
process; the cycle against one fanned-out round trip (a batch of `nextid current`, one GET to all 5
masters at once) and against one round trip to one server (`ping`); and the commands
`nextid next --count 1000` sends to each master (one quorum round: one GET and one EVALSHA)."""

import re
import shutil
import subprocess
import time

from benchlib import start_server

CYCLES = 2000


def run(ctx):
    servers = [start_server() for _ in range(5)]
    try:
        return measure(ctx, [port for _, port, _ in servers])
    finally:
        for proc, _, workdir in servers:
            proc.terminate()
            proc.wait()
            shutil.rmtree(workdir, ignore_errors=True)


def calls(port, command):
    stats = subprocess.run(["redis-cli", "-p", str(port), "INFO", "commandstats"], capture_output=True,
                           text=True, check=True).stdout
    found = re.search(rf"^cmdstat_{command}:calls=(\d+)", stats, re.M)
    return int(found.group(1)) if found else 0


def measure(ctx, ports):
    masters = ",".join(f"redis://127.0.0.1:{port}/0" for port in ports)
    env = {"POTTERY_MASTERS": masters, "PATH": "/usr/bin:/bin"}
    batch = ctx.path("cycles.pottery")
    with open(batch, "w") as f:
        f.write("lock acquire bench:warm --nowait\nlock release bench:warm\n")
        for _ in range(CYCLES):
            f.write("lock acquire bench:lock --nowait\nlock release bench:lock\n")
    fanouts = ctx.path("fanouts.pottery")
    with open(fanouts, "w") as f:
        f.write("nextid current bench:fanout\n" * (2 * CYCLES))
    pings = ctx.path("pings.pottery")
    with open(pings, "w") as f:
        f.write("ping\n" * (2 * CYCLES))

    def timed(path):
        with open(path) as stdin:
            start = time.monotonic()
            subprocess.run([ctx.pottery], stdin=stdin, stdout=subprocess.DEVNULL, env=env, check=True)
            return time.monotonic() - start

    t_pot = min(timed(batch) for _ in range(3))
    t_fan = min(timed(fanouts) for _ in range(3))
    env["POTTERY_URL"] = f"redis://127.0.0.1:{ports[0]}/0"
    t_ping = min(timed(pings) for _ in range(3))

    python = f"""
import time, redis
from pottery import Redlock
masters = {{redis.Redis(port=p) for p in {ports!r}}}
lock = Redlock(key='bench:py', masters=masters)
lock.acquire(blocking=False); lock.release()
start = time.monotonic()
for _ in range({CYCLES}):
    assert lock.acquire(blocking=False)
    lock.release()
print(time.monotonic() - start)
"""
    t_py = min(float(subprocess.run([ctx.python, "-c", python], capture_output=True, text=True,
                                    check=True).stdout) for _ in range(3))

    # One quorum round for a block of 1000 ids: the commands each master saw.
    env.pop("POTTERY_URL")
    subprocess.run([ctx.pottery, "nextid", "next", "bench:ids"], env=env, check=True, stdout=subprocess.DEVNULL)
    for port in ports:
        subprocess.run(["redis-cli", "-p", str(port), "CONFIG", "RESETSTAT"], check=True, capture_output=True)
    start = time.monotonic()
    out = subprocess.run([ctx.pottery, "nextid", "next", "bench:ids", "--count", "1000"], env=env, check=True,
                         capture_output=True).stdout.split()
    t_block = time.monotonic() - start
    # the script's own GET and SET are counted too: direct GETs = get - set
    per_master = [{"GET": calls(p, "get") - calls(p, "set"), "EVALSHA": calls(p, "evalsha"),
                   "EVAL": calls(p, "eval")} for p in ports]

    cycle_us = t_pot / CYCLES * 1e6
    round_trip_us = t_ping / (2 * CYCLES) * 1e6
    fan_out_us = t_fan / (2 * CYCLES) * 1e6
    return {
        "masters": 5,
        "pottery_cycles_per_s": CYCLES / t_pot,
        "python-pottery_cycles_per_s": CYCLES / t_py,
        "pottery/python (speed-up)": t_py / t_pot,
        "pottery_cycle_us": cycle_us,
        "fanned_out_round_trip_us (nextid current, 5 masters)": fan_out_us,
        "cycle / fanned-out round trip": cycle_us / fan_out_us,
        "one_server_round_trip_us (ping)": round_trip_us,
        "cycle / one-server round trip": cycle_us / round_trip_us,
        "nextid_count_1000_ms": t_block * 1e3,
        "nextid_ids_printed": len(out),
        "nextid_commands_per_master": per_master,
    }
