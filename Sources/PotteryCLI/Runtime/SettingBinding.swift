/// What a global option does, as data: the ``Settings`` key path it sets, and what a line naming it
/// alone does to a REPL session (SPEC §6): the same as on the command line (a flag turns on and
/// `--no-FLAG` off, a value replaces, the last one given wins), said in one phrase, or a new
/// connection. Adding a global option is one entry in ``GlobalOptions``, with its binding.
struct SettingBinding: Sendable {
    typealias Path<Value> = any WritableKeyPath<Settings, Value> & Sendable
    /// A key path made on first use: instantiating one costs about 20 k instructions, which start-up
    /// must not pay for every global option when a command line names one.
    typealias LazyPath<Value> = @Sendable () -> Path<Value>

    enum Target: Sendable {
        /// A flag that turns a setting on.
        case flag(LazyPath<Bool>)
        /// A flag that turns a setting off: the other side of a flag (`--stop-on-error`).
        case unflag(LazyPath<Bool>)
        /// A flag whose absence leaves the choice to pottery (`--progress`; `--no-progress` off).
        case choice(LazyPath<Bool?>)
        /// A flag that picks the value mode; `--no-` form, back to `auto`.
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
        case .unflag(let path): settings[keyPath: path()] = false
        case .choice(let path): settings[keyPath: path()] = true
        case .valueMode(let mode): settings.valueMode = mode
        case .text(let path): settings[keyPath: path()] = value?.text
        case .list(let path): settings[keyPath: path()].append(value?.text ?? "")
        case .seconds(let path):
            settings[keyPath: path()] = try Conversions.positiveSeconds(
                value?.text ?? "", what: "--\(option)", needs: "takes")
        }
    }

    /// Whether `--no-NAME` turns it off: a flag, or a value mode.
    var isNegatable: Bool {
        switch target {
        case .flag, .valueMode, .choice: true
        case .unflag, .text, .list, .seconds: false
        }
    }

    /// `--no-NAME`: a flag turned off; a value mode that was on goes back to `auto`.
    func negate(_ settings: inout Settings) {
        switch target {
        case .flag(let path): settings[keyPath: path()] = false
        case .choice(let path): settings[keyPath: path()] = false
        case .valueMode(let mode): if settings.valueMode == mode { settings.valueMode = .auto }
        case .unflag, .text, .list, .seconds: break
        }
    }

    /// Empties a list setting, so that a REPL line's `--master` options replace the session's
    /// rather than add to them.
    func clearList(_ settings: inout Settings) {
        if case .list(let path) = target { settings[keyPath: path()] = [] }
    }
}
