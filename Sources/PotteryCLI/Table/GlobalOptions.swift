/// The options every command accepts, wherever they stand (SPEC §5). After the verb, a verb's own
/// option of the same name wins (`queue get --timeout`); the global one then goes before the
/// structure word.
enum GlobalOptions {
    static let url = global(
        "url", short: "u", kind: .url, value: "URL",
        "Redis server URL, or any node of a Redis Cluster (default $POTTERY_URL, $REDIS_URL, redis://localhost:6379/0)"
    )
    static let master = global(
        "master", kind: .url, value: "URL",
        "a quorum master (a server or a cluster) for lock and nextid; repeat for each (default $POTTERY_MASTERS)"
    )
    static let timeout = global(
        "timeout", kind: .seconds, value: "S",
        "seconds to wait to connect, for each whole reply and for a cluster failover (default $POTTERY_TIMEOUT or 5)"
    )
    static let tls = global("tls", "speak TLS even to a redis:// or unix:// URL (rediss:// needs no flag)")
    static let caCert = global(
        "cacert", kind: .word, value: "FILE",
        "PEM file of the CAs that sign the server's certificate (default $POTTERY_CACERT, else the system's)")
    static let cert = global(
        "cert", kind: .word, value: "FILE", "PEM client certificate for TLS (default $POTTERY_CERT)")
    static let key = global(
        "key", kind: .word, value: "FILE", "PEM key of the client certificate (default $POTTERY_KEY)")
    static let insecure = global(
        "insecure", "TLS without verifying the server's certificate or name (says so on stderr)")
    static let raw = global(
        "raw", short: "r",
        "print string values without quotes or escapes, like jq -r (on a terminal, control characters other than newline and tab stay escaped)"
    )
    static let quiet = global(
        "quiet", short: "q", "print nothing for predicates; answer with the exit status alone")
    static let string = global("string", short: "s", "read every value argument as a literal string")
    static let json = global(
        "json", short: "j", "require every value to be valid JSON (exit 2 and write nothing otherwise)")
    static let time = global("time", "print the command's wall time in milliseconds to stderr")
    static let keepGoing = global("keep-going", "batch mode: go on after a failing line")
    static let noPager = global(
        "no-pager", "REPL: print long output straight to the terminal, never through the pager")
    static let help = global("help", short: "h", "show help for the program, a structure or a verb")
    static let version = global("version", "print the version and exit")

    static let all: [OptionSpec] = [
        url, master, timeout, tls, caCert, cert, key, insecure, raw, quiet, string, json, time, keepGoing,
        noPager, help, version,
    ]

    static func named(long: String) -> OptionSpec? { all.first { $0.answers(toLong: long) } }
    static func named(short: Character) -> OptionSpec? { all.first { $0.short == short } }

    /// Applies one global option to the settings, checking its value.
    static func apply(_ option: OptionSpec, value: Word?, to settings: inout Settings) throws(CLIError) {
        let what = "--\(option.long)"
        switch option.long {
        case url.long: settings.url = value?.text
        case master.long: settings.masters.append(value?.text ?? "")
        case timeout.long:
            guard let value, let seconds = NumberSyntax.decimal(value.text), seconds > 0 else {
                throw .usage(
                    "\(what) takes a positive number of seconds, not \(ValueReader.quoted(value?.text ?? ""))"
                )
            }
            settings.timeout = try Conversions.duration(seconds: seconds, what: what).seconds
        case tls.long: settings.tls = true
        case caCert.long: settings.caFile = value?.text
        case cert.long: settings.certFile = value?.text
        case key.long: settings.keyFile = value?.text
        case insecure.long: settings.insecure = true
        case raw.long: settings.raw = true
        case quiet.long: settings.quiet = true
        case string.long: settings.valueMode = .string
        case json.long: settings.valueMode = .json
        case time.long: settings.time = true
        case keepGoing.long: settings.keepGoing = true
        case noPager.long: settings.noPager = true
        default: break
        }
    }

    private static func global(
        _ long: String, short: Character? = nil, kind: OptionKind = .flag, value: String? = nil,
        _ help: String
    ) -> OptionSpec {
        OptionSpec(
            long: long, aliases: [], short: short, kind: kind, valueName: value, help: help,
            shadowsGlobal: false
        ) { _, _ in () }
    }
}
