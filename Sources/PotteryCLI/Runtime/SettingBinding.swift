/// What a global option does, as data: the ``Settings`` key path it sets, and what a line naming it
/// alone does to a REPL session (SPEC §6: a flag toggles, a value replaces; a change of the connection
/// reconnects). Adding a global option is one entry in ``GlobalOptions``, with its binding.
struct SettingBinding: Sendable {
    typealias Path<Value> = any WritableKeyPath<Settings, Value> & Sendable
    /// A key path made on first use: instantiating one costs about 20 k instructions, which start-up
    /// must not pay for every global option when a command line names one.
    typealias LazyPath<Value> = @Sendable () -> Path<Value>

    enum Target: Sendable {
        /// A flag that turns a setting on.
        case flag(LazyPath<Bool>)
        /// A flag that picks the value mode; named again in a session, back to `auto`.
        case valueMode(ValueMode)
        /// A word, the last one given.
        case text(LazyPath<String?>)
        /// A word per appearance (`--master`).
        case list(LazyPath<[String]>)
        /// A positive number of seconds.
        case seconds(LazyPath<Double?>)
    }

    /// What a change means to a REPL session.
    enum InSession: Sendable {
        /// Said in one phrase, given the new settings (`raw output on`).
        case said(@Sendable (Settings) -> String)
        /// The session reconnects (and says where to).
        case reconnects
        /// Nothing: the option has no meaning in a session (`--keep-going`).
        case ignored
    }

    let target: Target
    let inSession: InSession

    /// Sets the setting from one appearance of the option (`value` is nil for a flag).
    func apply(_ value: Word?, option: String, to settings: inout Settings) throws(CLIError) {
        switch target {
        case .flag(let path): settings[keyPath: path()] = true
        case .valueMode(let mode): settings.valueMode = mode
        case .text(let path): settings[keyPath: path()] = value?.text
        case .list(let path): settings[keyPath: path()].append(value?.text ?? "")
        case .seconds(let path):
            settings[keyPath: path()] = try Conversions.positiveSeconds(
                value?.text ?? "", what: "--\(option)", needs: "takes")
        }
    }

    /// Whether `line` (a line's options applied to ``Settings/init()``) names this option.
    func isNamed(in line: Settings) -> Bool {
        switch target {
        case .flag(let path): line[keyPath: path()]
        case .valueMode(let mode): line.valueMode == mode
        case .text(let path): line[keyPath: path()] != nil
        case .list(let path): !line[keyPath: path()].isEmpty
        case .seconds(let path): line[keyPath: path()] != nil
        }
    }

    /// A line of options alone, in a session: a flag toggles, a value mode named again goes back to
    /// `auto`, a value replaces the session's. Returns whether the session's settings changed.
    func change(_ session: inout Settings, from line: Settings) -> Bool {
        switch target {
        case .flag(let path):
            session[keyPath: path()].toggle()
            return true
        case .valueMode(let mode):
            let new: ValueMode = session.valueMode == mode ? .auto : mode
            defer { session.valueMode = new }
            return session.valueMode != new
        case .text(let path): return Self.replace(path(), in: &session, from: line)
        case .list(let path): return Self.replace(path(), in: &session, from: line)
        case .seconds(let path): return Self.replace(path(), in: &session, from: line)
        }
    }

    private static func replace<Value: Equatable>(
        _ path: WritableKeyPath<Settings, Value>, in session: inout Settings, from line: Settings
    ) -> Bool {
        guard session[keyPath: path] != line[keyPath: path] else { return false }
        session[keyPath: path] = line[keyPath: path]
        return true
    }
}
