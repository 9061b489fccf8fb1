/// The top-level commands on keys of any structure (SPEC §5).
enum GeneralTable {
    static let key = CommonArguments.key
    static let pattern = Argument.optionalPattern("PATTERN", "a glob pattern (default *)")
    static let keys = Argument.keys("KEY", "Redis keys")
    static let seconds = Argument.expiry(
        "S", "seconds, fractions allowed (at least 0.001; 0 deletes the key, as EXPIRE does)")
    static let command = Argument.command(
        "COMMAND", "a Redis command and its arguments, sent as they are (options included)")
    static let null = VerbOption.flag(
        "null", short: "0", "end each name with a NUL byte instead of a newline (for xargs -0)")

    static let keysNotes =
        "To a pipe or a file, names are written exactly; on a terminal their control characters are "
        + "shown escaped (\\xNN, as in error messages), so a name cannot retitle or clear the terminal. "
        + "A name may hold a newline: a script splits names with -0 "
        + "(pottery keys -0 'session:*' | xargs -0 pottery del). The pattern -0 itself: pottery keys -- -0."

    /// The word that names the group on a command line.
    static let name = "general"

    static let group = GroupSpec(
        name, "commands on keys of any structure", isTopLevel: true,
        verbs: [
            VerbSpec("ping", "check the connection", prints: "PONG", handler: GeneralHandlers.ping),
            VerbSpec(
                "keys", "list key names matching a pattern (SCAN, never KEYS)", arguments: [pattern],
                options: [null],
                prints: "one key name per line, or each ended by a NUL with -0",
                notes: keysNotes + " " + ClusterNotes.everyMaster,
                handler: GeneralHandlers.keys),
            VerbSpec(
                "type", "the Redis type at a key", arguments: [key],
                prints: "string, list, set, zset, hash, stream, or none with status 1",
                handler: GeneralHandlers.type),
            VerbSpec(
                "del", "delete keys", arguments: [keys], traits: .writes,
                prints: "nothing; status 1 if any was absent", notes: ClusterNotes.delete,
                handler: GeneralHandlers.del),
            VerbSpec(
                "expire", "set a key's time to live", arguments: [key, seconds], traits: .writes,
                prints: "nothing; status 1 if there is no key", handler: GeneralHandlers.expire),
            VerbSpec(
                "persist", "remove a key's time to live", arguments: [key], traits: .writes,
                prints: "nothing; status 1 if there is no key or it had no time to live",
                handler: GeneralHandlers.persist),
            VerbSpec(
                "ttl", "a key's remaining time to live", arguments: [key],
                prints: "seconds, -1 if it has none; status 1 (no output) if there is no key",
                handler: GeneralHandlers.ttl),
            VerbSpec(
                "redis", "send any Redis command; print its reply as redis-cli does", arguments: [command],
                traits: [.writes, .mayBlock],
                prints:
                    "the reply: on a terminal as redis-cli shows it (\"quoted\" strings, (integer) N, (nil), numbered arrays), else raw, one element per line; an error reply is an error: one line on stderr, status 3",
                notes:
                    "pottery redis CONFIG GET maxmemory. The words after redis are the command, sent as they are: "
                    + "none of them is read as an option of pottery's. " + ClusterNotes.rawCommand,
                handler: RawCommandHandler.run),
            VerbSpec(
                "status",
                "show what the next command would use: server, masters, modes, pager, history, locks",
                prints:
                    "one 'name: value' line each for server (and where its URL came from; in the REPL, whether it is connected), masters, timeout, tls, values, raw, ascii, quiet, time, pager, history and locks (the REPL session's); URLs without passwords",
                handler: StatusHandler.run),
            VerbSpec(
                "doctor",
                "why it does not work, and whether it is safe: URL, server, TLS, cluster, each master's clock and persistence",
                options: [DoctorTable.json],
                prints:
                    "one 'name: value' line per check, warnings indented, then ok or not ok (--json: one JSON object); status 3 if the server or a quorum of masters does not answer",
                notes: DoctorTable.notes, handler: DoctorHandler.run),
            VerbSpec(
                "repl", "the interactive REPL (also: pottery with no command on a terminal)",
                traits: .opensSession,
                prints: "a prompt; each line is a command without the program name",
                notes: ReplFacts.notes, handler: GeneralHandlers.repl),
        ])
}
