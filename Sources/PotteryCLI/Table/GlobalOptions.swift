/// The options every command accepts, wherever they stand (SPEC §5).
enum GlobalOptions {
    static let url = OptionSpec(
        "url", short: "u", value: "URL",
        "Redis server URL (default $POTTERY_URL, $REDIS_URL, redis://localhost:6379/0)")
    static let master = OptionSpec(
        "master", value: "URL",
        "a quorum master for lock and nextid; repeat for each (default $POTTERY_MASTERS)")
    static let timeout = OptionSpec(
        "timeout", value: "S", "seconds to wait to connect and for each reply (default $POTTERY_TIMEOUT or 5)"
    )
    static let raw = OptionSpec(
        "raw", short: "r", "print string values without quotes or escapes, like jq -r")
    static let quiet = OptionSpec(
        "quiet", short: "q", "print nothing for predicates; answer with the exit status alone")
    static let string = OptionSpec("string", short: "s", "read every value argument as a literal string")
    static let json = OptionSpec(
        "json", short: "j", "require every value to be valid JSON (exit 2 and write nothing otherwise)")
    static let time = OptionSpec("time", "print the command's wall time in milliseconds to stderr")
    static let keepGoing = OptionSpec("keep-going", "batch mode: go on after a failing line")
    static let help = OptionSpec("help", short: "h", "show help for the program, a structure or a verb")
    static let version = OptionSpec("version", "print the version and exit")

    static let all: [OptionSpec] = [
        url, master, timeout, raw, quiet, string, json, time, keepGoing, help, version,
    ]

    static func named(long: String) -> OptionSpec? { all.first { $0.long == long } }
    static func named(short: Character) -> OptionSpec? { all.first { $0.short == short } }

    /// Applies one global option to the settings.
    static func apply(_ option: OptionSpec, value: String?, to settings: inout Settings) throws(CLIError) {
        switch option.long {
        case url.long: settings.url = value
        case master.long: settings.masters.append(value ?? "")
        case timeout.long:
            guard let value, let seconds = Double(value), seconds > 0, seconds.isFinite else {
                throw .usage("--timeout takes a positive number of seconds, not '\(value ?? "")'")
            }
            settings.timeout = seconds
        case raw.long: settings.raw = true
        case quiet.long: settings.quiet = true
        case string.long: settings.valueMode = .string
        case json.long: settings.valueMode = .json
        case time.long: settings.time = true
        case keepGoing.long: settings.keepGoing = true
        default: break
        }
    }
}
