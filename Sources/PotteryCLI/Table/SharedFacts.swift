/// One exit status and what it means: the table help, the man page and the README print.
struct ExitStatusDoc: Sendable {
    let status: String
    let meaning: String

    static let all: [ExitStatusDoc] = [
        .init(status: "0", meaning: "success; a predicate that holds"),
        .init(
            status: "1",
            meaning:
                "a negative answer: predicate false, field or key absent, set empty, nothing to pop, lock not acquired (lock acquire) or not held by the token, lock free (lock status)"
        ),
        .init(status: "2", meaning: "usage error or invalid input; nothing was written"),
        .init(
            status: "3",
            meaning:
                "Redis error: cannot connect, timeout, authentication, WRONGTYPE, server error, quorum impossible"
        ),
        .init(
            status: "74",
            meaning:
                "standard output could not be written (a full disk, an I/O error): the output is incomplete; or "
                + "it was closed at start, and a verb that prints did nothing"),
        .init(
            status: "75",
            meaning:
                "lock run: another holder had the lock throughout the wait (--nowait: at that moment); the command never started. -E N (--conflict-exit-code N) chooses another status for this case. No quorum, a refused connection or a timeout are 3"
        ),
        .init(
            status: "76",
            meaning:
                "lock run: the lease was not held to the end: lost while the command ran (a quorum refused an extension, its validity passed without one, or --max-extensions ran out; the command's process group got SIGTERM, then SIGKILL after --kill-after), or found taken or gone when the command ended"
        ),
        .init(
            status: "128+n",
            meaning: "killed by signal n: 130 on Ctrl-C, 141 when the reader of the output went away"),
    ]
}

/// One environment variable pottery reads.
struct EnvironmentVariable: Sendable {
    let name: String
    let meaning: String

    static let all: [EnvironmentVariable] = [
        .init(
            name: "POTTERY_URL",
            meaning: "the server URL, redis://[[user]:password@]host[:port][/db] or unix:///path?db=N"),
        .init(name: "REDIS_URL", meaning: "the server URL when POTTERY_URL is not set"),
        .init(
            name: "POTTERY_PASSWORD", meaning: "the password, when it is not in the URL; keeps it out of ps"),
        .init(
            name: "POTTERY_TIMEOUT",
            meaning: "seconds to wait to connect and for each whole reply (default 5)"),
        .init(name: "POTTERY_CACERT", meaning: "PEM file of the CAs for TLS (--cacert)"),
        .init(name: "POTTERY_CERT", meaning: "PEM client certificate for TLS (--cert); does not turn TLS on"),
        .init(name: "POTTERY_KEY", meaning: "PEM key of the client certificate (--key)"),
        .init(
            name: "POTTERY_MASTERS",
            meaning: "quorum masters for lock and nextid, comma or space separated URLs"),
        .init(
            name: "POTTERY_PROFILE",
            meaning: "the connection profile to use when -p is not given; empty: none"),
        .init(
            name: "XDG_CONFIG_HOME",
            meaning:
                "where the profiles file is: $XDG_CONFIG_HOME/pottery/config (default ~/.config/pottery/config)"
        ),
        .init(
            name: "POTTERY_HISTFILE",
            meaning:
                "the REPL's history file (default ~/.pottery_history, mode 0600); empty turns history off; "
                + "anything but a regular file (a FIFO, a device) is refused with a warning, never waited on"),
        .init(
            name: "POTTERY_PAGER",
            meaning:
                "the REPL's pager for output longer than the terminal (default less -FRX); empty turns it off"
        ),
        .init(name: "HOME", meaning: "where the REPL's history file is kept by default"),
        .init(
            name: "TERM",
            meaning: "the REPL shows dimmed hints only on a terminal that is not dumb; readline reads INPUTRC"
        ),
    ]
}

/// One example for the man page: what it does, and the command line.
struct Example: Sendable {
    let comment: String
    let command: String

    static let all: [Example] = [
        .init(
            comment: "Set fields of a dict a Python service reads with RedisDict:",
            command: "pottery dict set user:1 name jack zip 02139"),
        .init(comment: "Read one, without JSON quotes:", command: "pottery dict get -r user:1 name"),
        .init(comment: "Stream a dict's items into jq:", command: "pottery dict items user:1 | jq -c ."),
        .init(
            comment: "Load a million members from a file, in pipelined batches:",
            command: "pottery set add seen - < ids.ndjson"),
        .init(comment: "Test membership in a script:", command: "pottery set has -q seen 42 && echo seen"),
        .init(comment: "Run a nightly file of commands:", command: "pottery < nightly.pottery"),
        .init(
            comment:
                "From cron: run a job on one machine at a time, skipping the run when another holds the lock:",
            command: "pottery lock run nightly-report --nowait -- /usr/local/bin/report --since yesterday"),
        .init(
            comment: "Take a lock in a script, and release it with its token:",
            command: "token=$(pottery lock acquire deploy --ttl 60) && pottery lock release deploy \"$token\""
        ),
        .init(
            comment: "Reserve a block of 1000 ids shared with Python's NextID:",
            command: "pottery nextid next orders --count 1000"),
        .init(
            comment: "Keep going past failing lines, and make one line raw for the rest of the file:",
            command: "printf '%s\\n' -r 'dict get user:1 name' | pottery --keep-going"),
        .init(
            comment: "Open the REPL on another server (the prompt never shows the password):",
            command: "POTTERY_URL=redis://:secret@cache:6379/2 pottery"),
        .init(
            comment: "In the REPL, a line is a command without the program name:",
            command: "cache:6379/2> dict get user:1 name"),
        .init(
            comment: "In the REPL, options alone change the session (raw output on, another server):",
            command: "cache:6379/2> -r\ncache:6379/2> --url redis://localhost:6380/0"),
        .init(comment: "Keep no REPL history:", command: "POTTERY_HISTFILE= pottery repl"),
        .init(
            comment: "Delete every key of a prefix:",
            command: "pottery keys -0 'session:*' | xargs -0 pottery del"),
    ]
}
