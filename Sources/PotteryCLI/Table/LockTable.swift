/// `pottery lock ...`: pottery's `Redlock` and `synchronize` over the quorum masters (SPEC §5, §8.3).
enum LockTable {
    static let key = CommonArguments.key
    static let token = Argument.word("TOKEN", "the token `lock acquire` printed")
    static let sessionToken = Argument.optionalWord(
        "TOKEN", "the token `lock acquire` printed; in the REPL, the session's own when left out")
    static let command = Argument.command(
        "CMD", "the command to run while holding the lock, without a shell (or -c 'shell command')",
        orOption: "command")

    static let ttl = VerbOption.seconds("ttl", "the lease, in seconds (default 10, as pottery)")
    static let wait = VerbOption.wait(
        "wait", short: "w", "wait at most S seconds for the lock (default: for ever; flock's -w)")
    static let nowait = VerbOption.flag(
        "nowait", aliases: ["nonblock"], short: "n", "try once, do not wait (flock's -n, --nonblock)")
    static let shellCommand = WordOption(
        "command", short: "c", value: "'SHELL COMMAND'",
        "run it through sh -c instead of CMD, as flock -c does: the one place pottery uses a shell")
    static let verbose = VerbOption.flag(
        "verbose",
        "say on stderr when the lock is busy, how long it was waited for, or that CMD never started")
    static let maxExtensions = VerbOption.integer(
        "max-extensions", in: 0...Int.max, "extend the lease at most N times (default: no bound)")
    static let conflictExitCode = VerbOption.integer(
        "conflict-exit-code", short: "E", in: 0...255,
        "exit with N instead of 75 when another holder has the lock (as flock -E)")
    static let killAfter = VerbOption.wait(
        "kill-after", "after a lost lease, SIGKILL the command's group S seconds after SIGTERM (default 10)")

    /// The word that names the group on a command line.
    static let name = "lock"

    static let group = GroupSpec(
        name, "a distributed lock over the quorum masters", pythonClass: "Redlock",
        verbs: [
            VerbSpec(
                "acquire", "take the lock; blocks until it is free by default",
                arguments: [key], options: [ttl, wait, nowait], exclusive: [["wait", "nowait"]],
                traits: [.writes, .mayBlock, .needsMasters],
                prints: "the token, bare; status 1 if not acquired within the wait",
                notes: acquireNote, handler: LockHandlers.acquire),
            VerbSpec(
                "release", "release the lock held by TOKEN", arguments: [key, sessionToken],
                traits: [.writes, .needsMasters],
                prints: "nothing; status 1 if TOKEN does not hold the lock",
                notes: "Deletes redlock:KEY where it holds TOKEN (in Lua, on every master at once); a quorum "
                    + "of masters must have held it.",
                handler: LockHandlers.release),
            VerbSpec(
                "extend", "renew the lease of TOKEN", arguments: [key, sessionToken], options: [ttl],
                traits: [.writes, .needsMasters],
                prints: "nothing; status 1 if TOKEN does not hold the lock",
                notes: "PEXPIRE redlock:KEY to --ttl (default 10 s) from now where it holds TOKEN; a quorum "
                    + "must have held it.",
                handler: LockHandlers.extend),
            VerbSpec(
                "status", "whether anyone holds the lock, and for how long", arguments: [key],
                traits: [.needsMasters],
                prints: "JSON {\"locked\": bool, \"ttl_ms\": int}; status 0 if locked, 1 if free",
                notes: statusNote, handler: LockHandlers.status),
            VerbSpec(
                "run", "run a command while holding the lock (synchronize)",
                arguments: [key, command],
                options: [
                    ttl, wait, nowait, maxExtensions, killAfter, conflictExitCode, shellCommand, verbose,
                ],
                exclusive: [["wait", "nowait"]],
                traits: [.writes, .mayBlock, .needsMasters, .runsChild],
                prints:
                    "CMD's output and status; 75 (or -E N) if another holder has the lock (CMD never starts), 3 if "
                    + "no quorum answered, 76 if the lease was not held to the end",
                notes: runNote + " " + ChildNotes.lockRun, handler: LockRunHandler.run),
        ])

    static let acquireNote = """
        The token is a UUID4 at redlock:KEY on each master (SET NX PX), as Python pottery's Redlock, \
        which shares the lock. Held when a quorum (N/2+1 of N masters) granted it within its validity \
        (ttl - elapsed - drift, drift = ttl*0.01 + 2 ms); retries after random delays of up to 200 ms. \
        Fewer than a quorum of masters answering is a quorum error (status 3). In the REPL, the session \
        remembers the token.
        """

    static let statusNote = """
        Reports any holder, Python's included: locked when a quorum of masters hold one token; ttl_ms \
        is how long a quorum still will (-1: held without expiry; 0 when free).
        """

    static let runNote = """
        Acquires as lock acquire, then runs CMD directly (no shell) with POTTERY_LOCK_KEY, \
        POTTERY_LOCK_TOKEN and POTTERY_FENCING_TOKEN in its environment. CMD starts only while more \
        than a third of the lease is surely left (its validity counts from when the acquisition \
        started); a slow master is waited for only while that much would still be left, so it costs \
        the attempt, never the lease. The lease is extended every ttl/3 while CMD runs (at most --max-extensions \
        times), each extension valid from when it was sent; one that too few masters answer is tried \
        again while the lease surely lasts. SIGINT, SIGTERM and SIGHUP go to CMD. When CMD ends the \
        lock is released and pottery exits with CMD's status (128+n when killed by signal n). Status \
        75 (or -E N) means another holder had the lock and CMD never started; no quorum, a refused \
        connection or a timeout are status 3 with their message. If the lease is lost (a quorum \
        refuses an extension, the validity passes without one, or the extensions run out), CMD's \
        process group gets SIGTERM, then SIGKILL after --kill-after seconds, and pottery exits 76; it \
        also exits 76 when the release finds another token or none, whatever CMD's status: the lease \
        was not held to the end. \
        The fencing token grows with every acquisition of the lock by pottery: exact on one master, \
        the maximum over the quorum on several. It is only as monotonic as the masters' memory of it: \
        a master restarted without its data (no persistence, or RDB snapshots that miss the latest \
        increments; AOF with appendfsync always loses none) counts again from 1, and a replica \
        promoted before it received the latest increment hands out a number already used. Give the \
        masters persistence, and on several masters keep a restarted one out for a ttl, as Redis' \
        distlock page advises. A master's connection that the server dropped (its idle timeout, \
        CLIENT KILL) or that broke is reopened by the next extension, within its wait, and by the \
        release, within --timeout.
        """
}
