#if canImport(Glibc)
    import Glibc
#endif
import PotteryProcess
import RedisClient

/// Global options, as given on the command line, before the environment fills the gaps.
struct Settings: Sendable {
    var url: String?
    var masters: [String] = []
    var timeout: Double?
    var raw = false
    /// `-a`: print the stored text exactly (ASCII escapes), not UTF-8.
    var ascii = false
    var quiet = false
    var time = false
    var valueMode: ValueMode = .auto
    var keepGoing = false
    var tls = false
    var caFile: String?
    var certFile: String?
    var keyFile: String?
    var insecure = false
    /// `-p NAME`: the connection profile named on the command line.
    var profile: String?
    /// The named profile's values, once loaded (``Profiles``): used where no flag is given, before
    /// the environment.
    var fromProfile: Profile?
    /// A bulk load's progress line: nil on a terminal after a second, true always (`--progress`),
    /// false never (`--no-progress`).
    var progress: Bool?
    /// A bulk load's summary line at the end (`--stats`).
    var stats = false
    /// The REPL pages output longer than the terminal (`--no-pager` prints it straight there).
    var pager = true

    /// How values are read: `-s`/`-j`, else the profile's, else auto.
    var effectiveValueMode: ValueMode {
        valueMode == .auto ? fromProfile?.valueMode ?? .auto : valueMode
    }

    static let defaultURL = "redis://localhost:6379/0"
    static let defaultTimeout = 5.0

    /// `-u` first, then the profile's, then `POTTERY_URL`, then `REDIS_URL`, then the default.
    func resolvedURL(_ environment: Environment) -> String {
        url ?? fromProfile?.url ?? environment["POTTERY_URL"] ?? environment["REDIS_URL"] ?? Self.defaultURL
    }

    /// Where the server URL comes from, as `status` and `doctor` say it: `--url`, `profile NAME`,
    /// `POTTERY_URL`, `REDIS_URL` or `default`, in ``resolvedURL(_:)``'s order.
    func urlOrigin(_ environment: Environment) -> String {
        if url != nil { return "--url" }
        if let fromProfile, fromProfile.url != nil { return "profile \(fromProfile.name)" }
        if environment["POTTERY_URL"] != nil { return "POTTERY_URL" }
        if environment["REDIS_URL"] != nil { return "REDIS_URL" }
        return "default"
    }

    /// A URL to show: without its password; never the text of one that does not parse (it may hold
    /// a password where the parser did not find one).
    static func redacted(_ url: String) -> String {
        (try? RedisURL(parsing: url).redacted) ?? "(not a valid URL)"
    }

    /// The profile to use: `-p NAME`, else `POTTERY_PROFILE` (empty: none).
    func profileName(_ environment: Environment) -> String? {
        let name = profile ?? environment["POTTERY_PROFILE"]
        return name?.isEmpty == false ? name : nil
    }

    /// `--master` flags, else the profile's, else `POTTERY_MASTERS` (comma or space separated), else
    /// the server URL alone.
    func resolvedMasters(_ environment: Environment) -> [String] {
        if !masters.isEmpty { return masters }
        if let listed = fromProfile?.masters, !listed.isEmpty { return listed }
        if let list = environment["POTTERY_MASTERS"] {
            let parts = list.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            if !parts.isEmpty { return parts }
        }
        return [resolvedURL(environment)]
    }

    func resolvedTimeout(_ environment: Environment) throws(CLIError) -> Double {
        if let timeout { return timeout }
        if let timeout = fromProfile?.timeout { return timeout }
        guard let text = environment["POTTERY_TIMEOUT"] else { return Self.defaultTimeout }
        return try Conversions.positiveSeconds(text, what: "POTTERY_TIMEOUT", needs: "must be")
    }

    func connectionOptions(_ environment: Environment) throws(CLIError) -> RedisConnectionOptions {
        var options = RedisConnectionOptions()
        options.clientName = "pottery"
        // A blocking read ends when Ctrl-C (or SIGTERM, SIGHUP) arrives, once a verb that may
        // block has installed the handlers; otherwise the signal's default action applies.
        options.interruptCheck = Interrupts.check
        options.timeout = try resolvedTimeout(environment)
        if let password = environment["POTTERY_PASSWORD"], !password.isEmpty { options.password = password }
        options.tls = tlsOptions(environment)
        return options
    }
}

/// Read access to environment variables; tests and the REPL can substitute their own.
struct Environment: Sendable {
    private let lookup: @Sendable (String) -> String?

    init(_ lookup: @escaping @Sendable (String) -> String?) { self.lookup = lookup }

    subscript(name: String) -> String? { lookup(name) }

    static let process = Environment { name in
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }
}

extension Settings {
    /// TLS from the flags, then `POTTERY_CACERT`, `POTTERY_CERT`, `POTTERY_KEY`. Certificates alone
    /// never turn TLS on: that takes `rediss://` or `--tls`.
    func tlsOptions(_ environment: Environment) -> RedisTLSOptions {
        var options = RedisTLSOptions()
        options.required = tls
        options.caFile =
            caFile ?? fromProfile?.caFile ?? environment["POTTERY_CACERT"].flatMap { $0.isEmpty ? nil : $0 }
        options.certFile =
            certFile ?? fromProfile?.certFile ?? environment["POTTERY_CERT"].flatMap { $0.isEmpty ? nil : $0 }
        options.keyFile =
            keyFile ?? fromProfile?.keyFile ?? environment["POTTERY_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        options.verify = !insecure
        return options
    }
}
