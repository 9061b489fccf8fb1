"""A parent that starts pottery with SIGINT blocked (Python's subprocess keeps the caller's signal mask,
and so do many supervisors): Ctrl-C must still end a waiting `queue get` with 130, consuming nothing."""

import signal
import subprocess
import time


def test_blocked_sigint_still_interrupts_a_wait(r, key, pottery):
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        waiter = subprocess.Popen([pottery.binary, "-u", pottery.url, "queue", "get", key],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    try:
        deadline = time.monotonic() + 30
        while b"cmd=xread" not in r.execute_command("CLIENT", "LIST"):
            assert waiter.poll() is None, waiter.stderr.read()
            assert time.monotonic() < deadline, "queue get never blocked in XREAD"
            time.sleep(0.01)  # polling the server's view, not a synchronization sleep
        waiter.send_signal(signal.SIGINT)
        assert waiter.wait(timeout=30) == 130
    finally:
        if waiter.poll() is None:
            waiter.kill()
    r.xadd(key, {"item": '"x"'})
    assert pottery("queue", "get", key, "--nowait").stdout == b'"x"\n'
