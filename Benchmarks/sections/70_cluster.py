"""Redis Cluster vs one server, in the same run (issue 12): `set add KEY -` of N NDJSON lines on a private
6-node cluster against the same on the single server (target: within 2x), with peak RSS and the MOVED/ASK
replies the cluster sent (none on a stable cluster: routing comes from the slot map); and `dict get`,
whole process, on the cluster (pointed at the key's master, and at a replica of another master, which
costs a second connection) against the single server: the startup cost of the cluster probe and map."""

import os
import statistics
import subprocess

from benchlib import Cluster

# Single and cluster runs alternate; the medians are compared (the machine may be shared).
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))


def run(ctx):
    cluster = Cluster()
    try:
        return measure(ctx, cluster)
    finally:
        cluster.stop()


def errorstat(cluster, name):
    total = 0
    for port in cluster.ports:
        for line in cluster.cli(port, "INFO", "errorstats").splitlines():
            if line.startswith(f"errorstat_{name}:count="):
                total += int(line.split("=", 1)[1])
    return total


def master_of(cluster, port):
    """The ID of the master the node on `port` replicates, or None for a master."""
    mine = next(line.split() for line in cluster.cli(port, "CLUSTER", "NODES").splitlines() if "myself" in line)
    return None if mine[3] == "-" else mine[3]


def measure(ctx, cluster):
    ndjson = ctx.path("members.ndjson")
    with open(ndjson, "w") as f:
        for i in range(ctx.lines):
            f.write(f'"member-{i}"\n')
    cluster_url = f"redis://127.0.0.1:{cluster.ports[-1]}/0"  # a node created as a replica
    single, clustered, rss_single, rss_cluster, same, moved, ask = [], [], [], [], True, 0, 0
    for round_ in range(ROUNDS):
        key = f"bench:set:{round_}"
        t, rss = ctx.timed([ctx.pottery, "-u", ctx.url, "set", "add", key, "-"], ndjson)
        single.append(t)
        rss_single.append(rss)
        for port in cluster.ports:
            cluster.cli(port, "CONFIG", "RESETSTAT")
        t, rss = ctx.timed([ctx.pottery, "-u", cluster_url, "set", "add", key, "-"], ndjson)
        clustered.append(t)
        rss_cluster.append(rss)
        moved, ask = moved + errorstat(cluster, "MOVED"), ask + errorstat(cluster, "ASK")
        card_single = ctx.cli("SCARD", key).stdout
        card_cluster = subprocess.run(["redis-cli", "-c", "-p", str(cluster.ports[0]), "SCARD", key],
                                      capture_output=True, check=True).stdout
        same = same and card_single == card_cluster == b"%d\n" % ctx.lines
        ctx.cli("UNLINK", key)
        subprocess.run(["redis-cli", "-c", "-p", str(cluster.ports[0]), "UNLINK", key], capture_output=True,
                       check=True)

    ctx.cli("HSET", "bench:dict", '"name"', '"jack"')
    subprocess.run(["redis-cli", "-c", "-p", str(cluster.ports[0]), "HSET", "bench:dict", '"name"', '"jack"'],
                   capture_output=True, check=True)
    owner = next(p for p in cluster.ports if cluster.cli(p, "HGET", "bench:dict", '"name"') == '"jack"\n')
    owner_id = cluster.cli(owner, "CLUSTER", "MYID").strip()
    # A replica of another master: pottery probes it, then connects to the key's master.
    other = next(p for p in cluster.ports if master_of(cluster, p) not in (None, owner_id))
    pot, pot_owner, pot_other, rcli = ctx.hyperfine([
        f"{ctx.pottery} -u {ctx.url} dict get bench:dict name",
        f"{ctx.pottery} -u redis://127.0.0.1:{owner}/0 dict get bench:dict name",
        f"{ctx.pottery} -u redis://127.0.0.1:{other}/0 dict get bench:dict name",
        f"redis-cli -c -p {other} HGET bench:dict '\"name\"'"], runs=300)

    t_single, t_cluster = statistics.median(single), statistics.median(clustered)
    return {"lines": ctx.lines, "rounds": ROUNDS,
            "set_add_single_s": t_single, "set_add_cluster_s": t_cluster,
            "set_add_cluster/single": t_cluster / t_single,
            "set_add_best_cluster/best_single": min(clustered) / min(single),
            "set_add_single_runs_s": single, "set_add_cluster_runs_s": clustered,
            "peak_rss_single_mib": max(rss_single), "peak_rss_cluster_mib": max(rss_cluster),
            "same_members": same, "moved_replies": moved, "ask_replies": ask,
            "dict_get_single_ms": pot * 1e3, "dict_get_cluster_master_ms": pot_owner * 1e3,
            "dict_get_cluster_other_replica_ms": pot_other * 1e3,
            "redis-cli_-c_other_replica_ms": rcli * 1e3,
            "dict_get_cluster_master/single": pot_owner / pot,
            "dict_get_cluster_other_replica/single": pot_other / pot}
