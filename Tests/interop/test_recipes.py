"""Every shell recipe of the README and of the man page's EXAMPLES, run as written under
`set -euo pipefail` against a real server, with the reader's own programs (`report`, `handle`,
`search`...) replaced by stubs and their files by fixtures. A reference block (a synopsis with KEY,
V...) is checked against the command table instead: each verb exists and takes each option shown.
A transcript (`$ command` and its output) is run and its output compared exactly. A recipe that
cannot run here (it installs into the system, or names the reader's hosts) says which test covers it.
A new recipe without a run fails this file until it gets one."""

import json
import os
import re
import shlex
import signal
import subprocess
import tempfile
import time

import pytest
import redis
from pottery import RedisCounter, RedisDict, RedisSimpleQueue

from conftest import ROOT, _binary

DATABASE = 7  # recipes use plain names (users, seen, jobs): a database of their own, flushed before each


def _readme_blocks():
    text = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    for match in re.finditer(r"```(sh|console)\n(.*?)```", text, re.S):
        yield f"README.md:{text[:match.start()].count(chr(10)) + 1}", match.group(2)


def _man_blocks():
    text = open(os.path.join(ROOT, "man", "pottery.1"), encoding="utf-8").read()
    examples = text.split(".SH EXAMPLES", 1)[1].split("\n.SH ", 1)[0]
    for match in re.finditer(r"\.nf\n(.*?)\n\.fi", examples, re.S):
        line = text[:text.index(match.group(0))].count("\n") + 2
        yield f"man/pottery.1:{line}", match.group(1).replace("\\-", "-").replace("\\e", "\\") + "\n"


BLOCKS = list(_readme_blocks()) + list(_man_blocks())
PLACEHOLDER = re.compile(r"(?<![\w$-])(KEY|V|FIELD|ELEM|ID|INDEX|SLICE|CMD|TOKEN|DEST|SRC|PATTERN|SECONDS|COMMAND)\b")


def _commands(text):
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _is_synopsis(text):
    lines = _commands(text)
    return all(line.startswith("pottery ") for line in lines) and any(PLACEHOLDER.search(line) for line in lines)


def _is_transcript(text):
    return text.startswith("$ ")


class Recipe:
    """The place a recipe runs: a temporary working directory, a directory of stubs first on PATH,
    the pottery binary next, and POTTERY_URL on the recipes' database."""

    def __init__(self, server, workdir):
        self.url = server.rsplit("/", 1)[0] + f"/{DATABASE}"
        self.redis = redis.Redis.from_url(self.url)
        self.redis.flushdb()
        self.dir = workdir
        self.stubs = os.path.join(workdir, ".stubs")
        os.mkdir(self.stubs)
        self.env = {"PATH": f"{self.stubs}:{os.path.dirname(_binary())}:/usr/bin:/bin", "POTTERY_URL": self.url,
                    "HOME": workdir, "LC_ALL": "C.UTF-8"}

    def stub(self, name, body):
        path = os.path.join(self.stubs, name)
        with open(path, "w") as f:
            f.write("#!/bin/sh\n" + body + "\n")
        os.chmod(path, 0o755)
        return path

    def file(self, name, content):
        with open(os.path.join(self.dir, name), "w", encoding="utf-8") as f:
            f.write(content)

    def read(self, name):
        with open(os.path.join(self.dir, name), encoding="utf-8") as f:
            return f.read()

    def pottery(self, *args, stdin=None):
        return subprocess.run([_binary(), *args], input=stdin, env=self.env, cwd=self.dir, capture_output=True,
                              text=True, timeout=60, check=True).stdout

    def bash(self, script, strict=True, check=True):
        prefix = "set -euo pipefail\n" if strict else ""
        result = subprocess.run(["bash", "-c", prefix + script], env=self.env, cwd=self.dir, capture_output=True,
                                text=True, timeout=300)
        if check:
            assert result.returncode == 0, f"{script!r} exited {result.returncode}: {result.stderr}"
        return result

    def cron(self, line, replace=()):
        """A crontab line as cron runs it: the five time fields dropped, `\\%` read as `%`, the rest
        given to /bin/sh; `replace` swaps the reader's absolute paths for stubs and fixtures."""
        command = line.split(None, 5)[5].replace("\\%", "%")
        for old, new in replace:
            command = command.replace(old, new)
        return subprocess.run(["sh", "-c", command], env=self.env, cwd=self.dir, capture_output=True, text=True,
                              timeout=120)


RUNS = []


def run(marker, whole=False):
    """Registers the run of the recipe whose text holds `marker` (or, `whole`, is `marker`)."""
    def register(function):
        RUNS.append((marker, whole, function))
        return function
    return register


def covered(marker, where):
    """A recipe run elsewhere, as written: `where` names the test."""
    def check(recipe, text):
        test_file, _, test_name = where.partition("::")
        path = os.path.join(ROOT, "Tests", test_file)
        assert os.path.exists(path) and test_name in open(path, encoding="utf-8").read(), where
    RUNS.append((marker, False, check))


def not_run(marker, reason, whole=False):
    """A recipe this machine cannot run as written, and why."""
    assert reason
    RUNS.append((marker, whole, lambda recipe, text: None))


def _handler(text):
    if _is_synopsis(text):
        return check_synopsis
    found = [function for marker, whole, function in RUNS
             if (marker.strip() == text.strip() if whole else marker in text)]
    if not found and _is_transcript(text):
        return run_transcript
    assert len(found) == 1, f"{len(found)} runs match this recipe; give it exactly one:\n{text}"
    return found[0]


@pytest.mark.parametrize("where,text", BLOCKS, ids=[where for where, _ in BLOCKS])
def test_recipe_runs_as_written(server, where, text):
    with tempfile.TemporaryDirectory(prefix="pottery-recipe-") as workdir:
        _handler(text)(Recipe(server, workdir), text)


def test_every_run_matches_a_recipe():
    texts = [text for _, text in BLOCKS]
    assert [marker for marker, _, _ in RUNS if not any(marker in text for text in texts)] == []


# Reference blocks and transcripts.

def check_synopsis(recipe, text):
    """Each line's verb exists, and takes each option the line shows."""
    global_help = recipe.pottery("--help")
    for line in _commands(text):
        words = line.split("  #", 1)[0].split()
        group, verb = words[1], words[2] if len(words) > 2 else ""
        verbs = verb.split("|") if re.fullmatch(r"[a-z-]+(\|[a-z-]+)*", verb) else [""]
        for each in verbs:
            probe = subprocess.run([_binary(), group, *([each] if each else []), "--help"], env=recipe.env,
                                   capture_output=True, text=True)
            assert probe.returncode == 0, f"{line}: {probe.stderr}"
            for option in re.findall(r"(?<![\w-])(--?[a-zA-Z0-9][\w-]*)", " ".join(words[2:])):
                assert option in probe.stdout or option in global_help, f"{line}: no option {option}"


def run_transcript(recipe, text):
    """`$ command` lines (a trailing backslash continues one) run in one bash, in order; what each
    prints, stderr included, is compared with the lines under it."""
    steps = []
    for line in text.splitlines():
        if line.startswith("$ "):
            steps.append([line[2:], []])
        elif steps and steps[-1][0].endswith("\\"):
            steps[-1][0] += "\n" + line
        else:
            steps[-1][1].append(line)
    separator = "@@recipe-step@@"
    script = "".join(f"{command.split('  #')[0]} 2>&1; status=$?; echo {separator}; (exit $status)\n"
                     for command, _ in steps)
    result = recipe.bash(script, strict=False)
    outputs = result.stdout.split(separator + "\n")
    assert [output.splitlines() for output in outputs[:-1]] == [expected for _, expected in steps], result.stderr
    return recipe


# The README's recipes, in the README's order.

@run("scripts/run ping")
def _run_ping(recipe, text):
    recipe.env["POTTERY_BIN"] = _binary()  # scripts/run would make a release build first
    assert recipe.bash(f"cd {shlex.quote(ROOT)}\n{text}").stdout == "PONG\n"


not_run("scripts/test", "it is this suite's runner: .ci/run calls it on a fresh clone",
        whole=True)
not_run("swift test --filter SetCommandTests", "scripts/test runs the suites on Valkey 8 this way")
covered("scripts/install ~/.local", "interop/test_repl.py::test_install_puts_binary_man_page_and_completions")
covered("sudo install -m 644 man/pottery.1",
        "interop/test_repl.py::test_install_puts_binary_man_page_and_completions")


def _python_dict(recipe, key):
    return RedisDict(redis=recipe.redis, key=key).to_dict()


@run("$ pottery dict set user:1 name jack zip 02139 visits 4098")
def _the_first_transcript(recipe, text):
    run_transcript(recipe, text)
    assert _python_dict(recipe, "user:1") == {"name": "jack", "zip": "02139", "visits": 4098}


@run("jq -cs 'map([.id, .])[]' users.jsonl")
def _users(recipe, text):
    recipe.file("users.jsonl", '{"id": "u1", "name": "ann", "phone": "555-0100"}\n{"id": "u2", "name": "bob"}\n'
                '{"id": "u3", "name": "cy", "phone": "555-0199"}\n')
    assert sorted(recipe.bash(text).stdout.split()) == ["u1", "u3"]
    assert _python_dict(recipe, "users")["u2"] == {"id": "u2", "name": "bob"}
    # A bad line anywhere writes nothing, and fails: one jq cannot read, and one pottery refuses.
    for bad in ['{"id": oops}', '"not an object"']:
        recipe.redis.flushdb()
        recipe.file("users.jsonl", '{"id": "u1"}\n' + bad + '\n{"id": "u3"}\n')
        failed = recipe.bash(text, check=False)
        assert failed.returncode != 0 and recipe.redis.exists("users") == 0, failed.stderr


@run("seq 1000000 | pottery set add seen -")
def _seen(recipe, text):
    assert recipe.bash(text).stdout == "seen it\n"
    assert recipe.redis.scard("seen") == 1_000_000


@run("pottery list append -j worklog")
def _worklog_and_sort(recipe, text):
    assert recipe.bash(text).stdout == "deploy\n1\n2\n3\n"
    assert recipe.redis.llen("nums") == 1_000_000


@run("jq -c '.[]' events.json")
def _recent_events(recipe, text):
    recipe.file("events.json", "[" + ", ".join(f'{{"n": {n}}}' for n in range(150)) + "]")
    recipe.bash(text)
    items = recipe.pottery("deque", "items", "recent").splitlines()
    assert len(items) == 100 and items[0] == '{"n": 50}' and items[-1] == '{"n": 149}'


@run("tr -cs '[:alpha:]' '\\n' < book.txt")
def _words(recipe, text):
    recipe.file("book.txt", "The cat and the hat. And the dog, the cat!\nA cat and a dog; and the end.\n")
    printed = [json.loads(line) for line in recipe.bash(text).stdout.splitlines()]
    assert printed == [["the", 4], ["and", 3], ["cat", 3]] or printed == [["the", 4], ["cat", 3], ["and", 3]]
    # As the comment says, Python's RedisCounter agrees, ties included.
    assert [tuple(each) for each in printed] == RedisCounter(redis=recipe.redis, key="words").most_common(3)


@run("pottery queue get jobs --follow | while read -r job")
def _worker(recipe, text):
    worker_line, drain_line = _commands(text)
    recipe.stub("handle", f'printf "%s\\n" "$1" >> {shlex.quote(recipe.dir)}/handled')
    worker = subprocess.Popen(["bash", "-c", "set -euo pipefail\n" + worker_line], env=recipe.env, cwd=recipe.dir,
                              start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    queue = RedisSimpleQueue(redis=recipe.redis, key="jobs")
    for job in ["job 1", {"id": 2}, [3]]:
        queue.put(job)
    handled = os.path.join(recipe.dir, "handled")
    deadline = time.monotonic() + 30
    while not (os.path.exists(handled) and len(recipe.read("handled").splitlines()) == 3):
        assert time.monotonic() < deadline and worker.poll() is None, worker.stderr.read() if worker.poll() else ""
        time.sleep(0.02)  # polls the stub's file; the worker has no other signal of progress
    os.killpg(worker.pid, signal.SIGINT)  # Ctrl-C on the terminal's process group
    worker.wait(timeout=30)
    assert recipe.read("handled").splitlines() == ['"job 1"', '{"id": 2}', "[3]"]
    for job in ["late 1", "late 2"]:
        queue.put(job)
    recipe.bash(drain_line)
    assert recipe.read("backlog.ndjson") == '"late 1"\n"late 2"\n' and queue.qsize() == 0


@run("# Hydrate only what the cache misses")
def _hydrate(recipe, text):
    # search prints the ids; hydrate turns each missing id (NDJSON) into an [id, value] line.
    recipe.stub("search", "echo 12 7 31")
    recipe.stub("hydrate", 'while read -r id; do printf \'[%s, "doc %s"]\\n\' "$id" "$id"; done')
    script = "query=anything\n" + text
    recipe.pottery("cached-dict", "set", "docs", "7", '"cached 7"')
    first = recipe.bash(script)
    assert first.stdout.splitlines() == ['[12, "doc 12"]', '[7, "cached 7"]', '[31, "doc 31"]']
    # Everything cached now: misses exits 0 with nothing, and the recipe still runs.
    assert recipe.bash(script).stdout == first.stdout
    # A server that cannot be reached is not a miss: the recipe fails.
    recipe.env["POTTERY_URL"] = "redis://127.0.0.1:1/0"
    down = recipe.bash(script, check=False)
    assert down.returncode != 0 and "Connection refused" in down.stderr


@run("pottery lock run deploy --wait 60 --ttl 30 -- ./deploy.sh production")
def _cron_and_deploy(recipe, text):
    # The two crontab lines are run as cron runs them, busy and free and with Redis down, by
    # ReadmeCronRecipeTests; here the deploy line, which waits for the lock another run holds.
    deploy = next(line for line in _commands(text) if "deploy.sh" in line)
    path = os.path.join(recipe.dir, "deploy.sh")
    with open(path, "w") as f:
        f.write(f'#!/bin/sh\necho "deployed $1"\n')
    os.chmod(path, 0o755)
    token = recipe.pottery("lock", "acquire", "deploy", "--ttl", "30").strip()
    waiting = subprocess.Popen(["bash", "-c", "set -euo pipefail\n" + deploy], env=recipe.env, cwd=recipe.dir,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with pytest.raises(subprocess.TimeoutExpired):
        waiting.wait(timeout=0.5)  # it is still waiting while the lock is held (not a timing assertion)
    recipe.pottery("lock", "release", "deploy", token)
    out, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0 and out == "deployed production\n", err
    assert recipe.redis.exists("redlock:deploy") == 0


covered("flock -n -E 0 /tmp/report.lock", "PotteryCLITests/ReadmeCronRecipeTests.swift::theFlockLineConverted")


@run("pottery nextid next orders --count 1000")
def _order_ids(recipe, text):
    recipe.bash(text)
    if "order-ids.txt" in text:
        assert recipe.read("order-ids.txt").split() == [str(n) for n in range(1, 1001)]
    assert recipe.pottery("nextid", "current", "orders") == "1000\n"


@run("pottery cache run reports --ttl 3600 --lock")
def _cached_report(recipe, text):
    lines = _commands(text)
    cron_line, stats_line, bypass_line = lines
    recipe.stub("sales-report", f'echo "report $HOUR $*"; echo run >> {shlex.quote(recipe.dir)}/runs')
    www = os.path.join(recipe.dir, "www")
    os.mkdir(www)
    replace = [("/usr/local/bin/", recipe.stubs + "/"), ("/var/www/", www + "/")]
    hour = time.strftime("%Y%m%d%H")
    for _ in range(3):
        ran = recipe.cron(cron_line, replace)
        assert ran.returncode == 0, ran.stderr
    assert recipe.read("www/report.html").startswith("report ") and recipe.read("runs") == "run\n"
    stats = recipe.bash(stats_line).stdout
    assert stats == '{"hits": 2, "misses": 1, "currsize": 1, "ttl": 3600}\n'
    bypassed = recipe.bash(bypass_line.replace("/usr/local/bin/", recipe.stubs + "/"))
    assert bypassed.stdout.startswith("report ") and recipe.read("runs") == "run\nrun\n"
    assert hour in recipe.read("www/report.html") or hour in bypassed.stdout


@run("$ pottery bf add dilberts rajiv")
def _bloom(recipe, text):
    run_transcript(recipe, text)
    assert recipe.redis.exists("dilberts") == 0


@run("$ pottery hll add google-searches")
def _hll(recipe, text):
    run_transcript(recipe, text)
    assert recipe.redis.exists("google-searches") == 0


@run("pottery keys -0 'session:*' | xargs -0 pottery del")
def _delete_sessions(recipe, text):
    names = ["session:a", "session:with space", "session:new\nline", "session:'quote\"", "session:-0"]
    for name in names + ["other:session:a", "sessions"]:
        recipe.redis.set(name, "x")
    recipe.bash(text)
    assert sorted(recipe.redis.keys("*")) == [b"other:session:a", b"sessions"]


NIGHTLY = "# nightly.pottery\ndict set user:1 name jack\n-r\ndict get user:1 name\nset add seen 42\n"


@run("pottery < nightly.pottery")
def _nightly(recipe, text):
    recipe.file("nightly.pottery", NIGHTLY)
    recipe.pottery("dict", "set", "user:2", "name", "jill")
    printed = recipe.bash(text).stdout
    assert printed.startswith("jack\n") and recipe.redis.sismember("seen", "42")
    if "user:2" in text:
        assert printed == "jack\njack\njill\n"


@run("printf '%s\\n' -r 'dict get user:1 name' | pottery --keep-going", whole=True)
def _man_keep_going(recipe, text):
    recipe.pottery("dict", "set", "user:1", "name", "jack")
    assert recipe.bash(text).stdout == "jack\n"


@run("$ printf 'ping\\nping\\ndict get nokey x\\nping\\n' | pottery")
def _batch_stops(recipe, text):
    run_transcript(recipe, text)


not_run("$ pottery\npottery 0.1.0:", "a REPL session on a terminal, with Tab and a password server on 6381: "
        "test_repl.py drives each of its lines over a pty")
not_run("$ pottery doctor", "round trips, versions and clocks differ on every machine: DoctorCommandTests checks "
        "each line's form")
not_run("pottery -u rediss://cache.example.com:6380/0", "it names the reader's TLS hosts: TLSCommandTests runs "
        "each form (--cacert, --cert and --key, POTTERY_CACERT) against a local TLS server")
not_run("pottery -u redis://10.0.0.5:7000/0 dict get users jack", "it names the reader's cluster: test_cluster.py "
        "runs every verb against a local one")


# The man page's EXAMPLES that the README does not hold.

@run("pottery dict set user:1 name jack zip 02139", whole=True)
def _man_dict_set(recipe, text):
    recipe.bash(text)
    assert _python_dict(recipe, "user:1") == {"name": "jack", "zip": "02139"}


@run("pottery dict get -r user:1 name", whole=True)
def _man_dict_get(recipe, text):
    recipe.pottery("dict", "set", "user:1", "name", "jack")
    assert recipe.bash(text).stdout == "jack\n"


@run("pottery dict items user:1 | jq -c .", whole=True)
def _man_dict_items(recipe, text):
    recipe.pottery("dict", "set", "user:1", "name", "jack", "zip", "02139")
    assert recipe.bash(text).stdout == '["name","jack"]\n["zip","02139"]\n'


@run("pottery set add seen - < ids.ndjson", whole=True)
def _man_set_add(recipe, text):
    recipe.file("ids.ndjson", "".join(f"{n}\n" for n in range(1000)) + '"forty-two"\n')
    recipe.bash(text)
    assert recipe.redis.scard("seen") == 1001


@run("pottery set has -q seen 42 && echo seen", whole=True)
def _man_set_has(recipe, text):
    recipe.pottery("set", "add", "seen", "42")
    assert recipe.bash(text).stdout == "seen\n"


@run("pottery lock run nightly-report --nowait -- /usr/local/bin/report --since yesterday", whole=True)
def _man_lock_run(recipe, text):
    recipe.stub("report", 'echo "report $*"')
    assert recipe.bash(text.replace("/usr/local/bin/", recipe.stubs + "/")).stdout == "report --since yesterday\n"
    token = recipe.pottery("lock", "acquire", "nightly-report").strip()
    busy = recipe.bash(text.replace("/usr/local/bin/", recipe.stubs + "/"), check=False)
    assert busy.returncode == 75 and busy.stdout == "" and token


@run('token=$(pottery lock acquire deploy --ttl 60) && pottery lock release deploy "$token"', whole=True)
def _man_lock_token(recipe, text):
    recipe.bash(text)
    assert recipe.redis.exists("redlock:deploy") == 0


not_run("POTTERY_URL=redis://:secret@cache:6379/2 pottery", "a REPL on the reader's host: test_repl.py checks "
        "that the prompt and the history never show the password")
not_run("cache:6379/2> dict get user:1 name", "a REPL line, not a shell command: test_repl.py runs such lines")
not_run("cache:6379/2> -r", "REPL lines: test_repl.py::test_status_connect_repeat_and_help changes the session so")
not_run("POTTERY_HISTFILE= pottery repl", "a REPL on a terminal: test_repl.py::test_histfile_moves_and_empty_disables")
