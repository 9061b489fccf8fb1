/// `pottery cache ...`: pottery's `redis_cache` for shell commands (SPEC §5).
enum CacheTable {
    static let key = CommonArguments.key
    static let command = Argument.command("CMD", "the command to memoize, run without a shell")

    static let ttl = VerbOption.wait(
        "ttl", "how long the cache lives after its last hit or store (default 60; 0: no expiry)")
    static let stdin = VerbOption.flag(
        "stdin", "key the entry on standard input's bytes too, and give them to the command")
    static let cacheFailures = VerbOption.flag(
        "cache-failures", "store runs that exit non-zero too (never one killed by a signal)")
    static let maxBytes = VerbOption.integer(
        "max-bytes", in: 0...maximumBytes,
        "the largest output stored (default 64 MiB); a larger one passes through, not stored")
    static let lock = VerbOption.flag(
        "lock", "compute a missing entry in one process at a time; the others wait, then hit")

    /// What Redis takes in one string at most (`proto-max-bulk-len`), less room for the header.
    static let maximumBytes = 512 * 1024 * 1024 - 16
    static let defaultMaxBytes = 64 * 1024 * 1024

    /// The word that names the group on a command line.
    static let name = "cache"

    static let group = GroupSpec(
        name, "memoize a command's output and status", pythonClass: "redis_cache",
        verbs: [
            VerbSpec(
                "run", "print CMD's output from the cache, or run it and cache it",
                arguments: [key, command], options: [ttl, stdin, cacheFailures, maxBytes, lock],
                traits: [.writes, .runsChild],
                prints: "the cached or fresh output; CMD's status (cached with its output)",
                notes: runNote + " " + ChildNotes.cacheRun, handler: CacheHandlers.run),
            VerbSpec(
                "stats", "hits, misses, entries and ttl, shared by every process using KEY",
                arguments: [key],
                prints: "JSON {\"hits\": n, \"misses\": n, \"currsize\": n, \"ttl\": s}",
                notes: statsNote, handler: CacheHandlers.stats),
            VerbSpec(
                "bypass", "run CMD whatever the cache holds, and refresh its entry",
                arguments: [key, command], options: [ttl, stdin, cacheFailures, maxBytes],
                traits: [.writes, .runsChild], prints: "the fresh output; CMD's status",
                handler: CacheHandlers.bypass),
            VerbSpec(
                "forget", "drop CMD's entry", arguments: [key, command], options: [stdin],
                traits: .writes, prints: "nothing; status 1 if there was no entry",
                handler: CacheHandlers.forget),
            VerbSpec(
                "clear", "drop every entry and the stats", arguments: [key], traits: .writes,
                handler: CacheHandlers.clear),
        ])

    static let runNote = """
        The entry is keyed by the exact bytes of CMD's arguments (and of standard input with --stdin). \
        A hit writes the stored bytes and returns the stored status without running CMD. A miss runs \
        CMD, streams its output as it comes and stores it if CMD exited 0 (any status with \
        --cache-failures), unless it was killed by a signal or wrote more than --max-bytes. Standard \
        error is never cached. Every hit and store restarts the ttl. Two processes that miss the same \
        entry at once both run CMD, unless --lock is given.
        """

    static let statsNote = """
        currsize counts the entries now (0 once the cache expired); ttl is the time to live, in seconds, \
        that the last run configured (0: no expiry). The counts live in the hash {KEY}:cache-stats, which \
        does not expire; cache clear drops it.
        """
}
