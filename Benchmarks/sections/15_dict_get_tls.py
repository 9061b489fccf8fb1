"""`dict get` over TLS, whole process: pottery vs `redis-cli --tls HGET` (issue 12: within 1.5x)."""

import os
import subprocess

from benchlib import free_port, start_server


def openssl(directory, *args):
    subprocess.run(["openssl", *args], cwd=directory, check=True, capture_output=True)


def run(ctx):
    d = ctx.workdir
    openssl(d, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
            "-subj", "/CN=bench CA")
    openssl(d, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj",
            "/CN=localhost")
    with open(os.path.join(d, "ext"), "w") as f:
        f.write("subjectAltName=DNS:localhost,IP:127.0.0.1\n")
    openssl(d, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.crt", "-days", "2", "-extfile", "ext")
    tls_port = free_port()
    proc, port, workdir = start_server("--tls-port", str(tls_port), "--tls-cert-file", f"{d}/server.crt",
                                       "--tls-key-file", f"{d}/server.key", "--tls-ca-cert-file", f"{d}/ca.crt",
                                       "--tls-auth-clients", "no")
    try:
        subprocess.run(["redis-cli", "-p", str(port), "HSET", "bench:dict", '"name"', '"jack"'], check=True,
                       capture_output=True)
        url = f"rediss://127.0.0.1:{tls_port}/0"
        pot, rcli = ctx.hyperfine([f"{ctx.pottery} -u {url} --cacert {d}/ca.crt dict get bench:dict name",
                                   f"redis-cli -p {tls_port} --tls --cacert {d}/ca.crt HGET bench:dict '\"name\"'"],
                                  runs=200)
    finally:
        proc.terminate()
        proc.wait()
    return {"pottery_ms": pot * 1e3, "redis-cli_ms": rcli * 1e3, "pottery/redis-cli": pot / rcli}
