/// `pottery lock ...`: pottery's `Redlock` and `synchronize` over the quorum masters (SPEC §5, §8.3).
enum LockTable {
    static let key = CommonArguments.key
    static let token = Argument.word("TOKEN", "the token `lock acquire` printed")
    static let sessionToken = Argument.optionalWord(
        "TOKEN", "the token `lock acquire` printed; in the REPL, the session's own when left out")
    static let command = Argument.command("CMD", "the command to run while holding the lock, without a shell")

    static let ttl = VerbOption.seconds("ttl", "the lease, in seconds (default 10, as pottery)")
    static let wait = VerbOption.wait("wait", "wait at most S seconds for the lock (default: for ever)")
    static let nowait = VerbOption.flag("nowait", "try once, do not wait")
    static let maxExtensions = VerbOption.integer(
        "max-extensions", in: 0...Int.max, "extend the lease at most N times (default: no bound)")
    static let killAfter = VerbOption.wait(
        "kill-after", "after a lost lease, SIGKILL the command's group S seconds after SIGTERM (default 10)")

    static let group = GroupSpec(
        "lock", "a distributed lock over the quorum masters", pythonClass: "Redlock",
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
                arguments: [key, command], options: [ttl, wait, nowait, maxExtensions, killAfter],
                exclusive: [["wait", "nowait"]],
                traits: [.writes, .mayBlock, .needsMasters, .runsChild],
                prints:
                    "CMD's output and status; 75 if not acquired (CMD never starts), 76 if the lease was lost",
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
        Acquires as lock acquire (75 when not acquired within the wait, or no quorum answered), then \
        runs CMD directly (no shell) with POTTERY_LOCK_KEY, POTTERY_LOCK_TOKEN and \
        POTTERY_FENCING_TOKEN in its environment. The lease is extended every ttl/3 while CMD runs \
        (at most --max-extensions times). SIGINT, SIGTERM and SIGHUP go to CMD. When CMD ends the \
        lock is released and pottery exits with CMD's status (128+n when killed by signal n). If the \
        lease is lost (an extension fails on the quorum, or the extensions run out), CMD's process \
        group gets SIGTERM, then SIGKILL after --kill-after seconds, and pottery exits 76. The fencing \
        token grows with every acquisition of the lock by pottery: exact on one master, the maximum \
        over the quorum on several.
        """
}
