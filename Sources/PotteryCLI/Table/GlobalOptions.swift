/// The options every command accepts, wherever they stand (SPEC §5), each bound to the setting it
/// sets (``SettingBinding``). After the verb, a verb's own option of the same name wins
/// (`queue get --timeout`); the global one then goes before the structure word.
enum GlobalOptions {
    static let url = global(
        "url", short: "u", kind: .url, value: "URL",
        "Redis server URL, or any node of a Redis Cluster (default $POTTERY_URL, $REDIS_URL, redis://localhost:6379/0)",
        .text({ $0.url = $1 }), .reconnects)
    static let profile = global(
        "profile", short: "p", kind: .word, value: "NAME",
        "a connection profile from $XDG_CONFIG_HOME/pottery/config: url, masters, timeout, TLS files, values (default $POTTERY_PROFILE)",
        .text({ $0.profile = $1 }), .reconnects)
    static let master = global(
        "master", kind: .url, value: "URL",
        "a quorum master (a server or a cluster) for lock and nextid; repeat for each (default $POTTERY_MASTERS)",
        .list(append: { $0.masters.append($1) }, clear: { $0.masters = [] }),
        .said { "\($0.masters.count) master(s)" })
    static let timeout = global(
        "timeout", kind: .seconds, value: "S",
        "seconds to wait to connect, for each whole reply and for a cluster failover (default $POTTERY_TIMEOUT or 5)",
        .seconds({ $0.timeout = $1 }), .said { "timeout \($0.timeout ?? Settings.defaultTimeout) s" })
    static let tls = global(
        "tls", "speak TLS even to a redis:// or unix:// URL (rediss:// needs no flag)",
        .flag({ $0.tls = $1 }),
        .reconnects)
    static let caCert = global(
        "cacert", kind: .word, value: "FILE",
        "PEM file of the CAs that sign the server's certificate (default $POTTERY_CACERT, else the system's)",
        .text({ $0.caFile = $1 }), .reconnects)
    static let cert = global(
        "cert", kind: .word, value: "FILE", "PEM client certificate for TLS (default $POTTERY_CERT)",
        .text({ $0.certFile = $1 }), .reconnects)
    static let key = global(
        "key", kind: .word, value: "FILE", "PEM key of the client certificate (default $POTTERY_KEY)",
        .text({ $0.keyFile = $1 }), .reconnects)
    static let insecure = global(
        "insecure", "TLS without verifying the server's certificate or name (says so on stderr)",
        .flag({ $0.insecure = $1 }), .reconnects)
    static let raw = global(
        "raw", short: "r",
        "print string values without quotes or escapes, like jq -r (on a terminal, control characters other than newline and tab stay escaped)",
        .flag({ $0.raw = $1 }), .said { "raw output \(onOff($0.raw))" })
    static let ascii = global(
        "ascii", short: "a",
        "print JSON exactly as stored: non-ASCII characters escaped, as Python's json.dumps writes them (default: UTF-8, as jq prints)",
        .flag({ $0.ascii = $1 }), .said { "ascii output \(onOff($0.ascii))" })
    static let quiet = global(
        "quiet", short: "q", "print nothing for predicates; answer with the exit status alone",
        .flag({ $0.quiet = $1 }),
        .said { "quiet \(onOff($0.quiet))" })
    static let string = global(
        "string", short: "s", "read every value argument as a literal string", .valueMode(.string),
        .said { "values: \($0.valueMode.rawValue)" })
    static let json = global(
        "json", short: "j", "require every value to be valid JSON (exit 2 and write nothing otherwise)",
        .valueMode(.json), .said { "values: \($0.valueMode.rawValue)" })
    static let time = global(
        "time", "print the command's wall time in milliseconds to stderr", .flag({ $0.time = $1 }),
        .said { "timing \(onOff($0.time))" })
    static let keepGoing = global(
        "keep-going",
        "batch mode: go on after a failing line (a negative answer included); exit with the first failure's status",
        .flag({ $0.keepGoing = $1 }), .ignored)
    static let stopOnError = global(
        "stop-on-error",
        "batch mode: stop at the first line that fails, a negative answer (status 1) included, with its status (the default)",
        .unflag({ $0.keepGoing = $1 }), .ignored)
    static let progress = global(
        "progress",
        "show a bulk load's progress on stderr from the start, on a terminal or not (default: on a terminal, after a second; --no-progress: never)",
        .choice({ $0.progress = $1 }), .said { "progress \($0.progress.map(onOff) ?? "auto")" })
    static let stats = global(
        "stats", "end a bulk load with one summary line on stderr: items, time, rate (as redis-cli --pipe)",
        .flag({ $0.stats = $1 }), .said { "stats \(onOff($0.stats))" })
    static let pager = global(
        "pager",
        "REPL: page output longer than the terminal through $POTTERY_PAGER (the default); --no-pager prints it straight to the terminal",
        .flag({ $0.pager = $1 }), .said { "pager \(onOff($0.pager))" })
    /// Read by the scanner itself: `--help` anywhere, `--version` alone.
    static let help = global("help", short: "h", "show help for the program, a structure or a verb")
    static let version = global("version", "print the version and exit")

    static let all: [OptionSpec] = [
        url, profile, master, timeout, tls, caCert, cert, key, insecure, raw, ascii, quiet, string, json,
        time,
        keepGoing, stopOnError, progress, stats,
        pager, help, version,
    ]

    /// Help's line for the `--no-` forms (``negation(long:)``), after the options.
    static let negationHelp = (
        "--no-FLAG",
        "turn a flag above off again (--no-raw, --no-json, --no-pager): the last one given wins; in the REPL, for the session"
    )

    static func named(long: String) -> OptionSpec? { all.first { $0.answers(toLong: long) } }
    static func named(short: Character) -> OptionSpec? { all.first { $0.short == short } }

    /// The flag that `--no-NAME` turns off (`--no-raw`, `--no-pager`, `--no-json`), if NAME is one.
    static func negation(long: String) -> OptionSpec? {
        guard long.hasPrefix("no-"), let option = named(long: String(long.dropFirst(3))),
            option.setting?.isNegatable == true
        else { return nil }
        return option
    }

    private static func onOff(_ on: Bool) -> String { on ? "on" : "off" }

    private static func global(
        _ long: String, short: Character? = nil, kind: OptionKind = .flag, value: String? = nil,
        _ help: String, _ target: SettingBinding.Target? = nil,
        _ inSession: SettingBinding.InSession = .ignored
    ) -> OptionSpec {
        OptionSpec(
            long: long, aliases: [], short: short, kind: kind, valueName: value, help: help,
            shadowsGlobal: false, setting: target.map { SettingBinding(target: $0, inSession: inSession) }
        ) { _, _ in () }
    }
}
