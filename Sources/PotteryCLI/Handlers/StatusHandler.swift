import PotteryProcess
import RedisClient

/// `pottery status`: what the next command would use, one `name: value` line each (URLs without
/// passwords): the server and where its URL came from, the quorum masters, the timeout, TLS, the
/// value mode, the output flags, the pager, the history file, and the locks the session holds. In
/// the REPL it shows the session's settings, its connection and its locks.
enum StatusHandler {
    static func run(_ context: CommandContext) throws -> ExitStatus {
        let settings = context.settings
        let session = context.session
        let environment = session.environment
        let url = settings.resolvedURL(environment)
        var state: [String] = [settings.urlOrigin(environment)]
        if session.isConnected(for: settings) {
            state.append("connected")
        } else if session.unreachable == url {
            state.append("not connected")
        }
        let masters =
            settings.masters.isEmpty && (settings.fromProfile?.masters ?? []).isEmpty
                && environment["POTTERY_MASTERS"] == nil
            ? "\(Settings.redacted(url)) (the server)"
            : settings.resolvedMasters(environment).map(Settings.redacted).joined(separator: ", ")
        let timeout = (try? settings.resolvedTimeout(environment)) ?? Settings.defaultTimeout
        let pager = environment["POTTERY_PAGER"] ?? "less -FRX"
        let lines: [(String, String)] = [
            ("server", "\(Settings.redacted(url)) (\(state.joined(separator: ", ")))"),
            (
                "profile",
                settings.fromProfile.map { "\($0.name) (\(Profiles.path(environment) ?? ""))" } ?? "none"
            ),
            ("masters", masters),
            ("timeout", "\(timeout) s"),
            (
                "tls",
                (try? RedisURL(parsing: url)).map(settings.tlsOptions(environment).applies) == true
                    ? "on" : "off"
            ),
            ("values", settings.effectiveValueMode.rawValue),
            ("raw", onOff(settings.raw)), ("ascii", onOff(settings.ascii)), ("quiet", onOff(settings.quiet)),
            ("time", onOff(settings.time)),
            ("pager", settings.pager && !pager.isEmpty ? "on (\(pager))" : "off"),
            ("history", session.historyNote ?? HistoryFile.resolve(environment)?.path ?? "off"),
            ("locks", locks(session)),
        ]
        for (name, value) in lines { try context.out.writeLine("\(name): \(value)") }
        return .success
    }

    private static func onOff(_ on: Bool) -> String { on ? "on" : "off" }

    /// The session's locks, by key, with how many masters hold each; `none`.
    private static func locks(_ session: Session) -> String {
        guard !session.heldLocks.isEmpty else { return "none" }
        return session.heldLocks.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { key, held in
            "\(KeyDisplay.text(key)) (\(held.masters.count) master(s))"
        }.joined(separator: ", ")
    }
}
