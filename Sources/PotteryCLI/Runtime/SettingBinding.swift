/// What a global option does, as data: how it sets its ``Settings`` field, and what a line naming it
/// alone does to a REPL session (SPEC §6): the same as on the command line (a flag turns on and
/// `--no-FLAG` off, a value replaces, the last one given wins), said in one phrase, or a new
/// connection. Adding a global option is one entry in ``GlobalOptions``, with its binding.
struct SettingBinding: Sendable {
    /// Sets one field (`{ $0.url = $1 }`). A closure, not a key path: the first key path a process
    /// instantiates costs about 86 k instructions (callgrind, `-u URL dict get`: 7% of start-up).
    typealias Setter<Value> = @Sendable (inout Settings, Value) -> Void

    enum Target: Sendable {
        /// A flag that turns a setting on.
        case flag(Setter<Bool>)
        /// A flag that turns a setting off: the other side of a flag (`--stop-on-error`).
        case unflag(Setter<Bool>)
        /// A flag whose absence leaves the choice to pottery (`--progress`; `--no-progress` off).
        case choice(Setter<Bool?>)
        /// A flag that picks the value mode; `--no-` form, back to `auto`.
        case valueMode(ValueMode)
        /// A word, the last one given.
        case text(Setter<String?>)
        /// A word per appearance (`--master`): `append` adds one, `clear` empties the list.
        case list(append: Setter<String>, clear: @Sendable (inout Settings) -> Void)
        /// A positive number of seconds.
        case seconds(Setter<Double?>)
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
        case .flag(let set): set(&settings, true)
        case .unflag(let set): set(&settings, false)
        case .choice(let set): set(&settings, true)
        case .valueMode(let mode): settings.valueMode = mode
        case .text(let set): set(&settings, value?.text)
        case .list(let append, _): append(&settings, value?.text ?? "")
        case .seconds(let set):
            set(
                &settings,
                try Conversions.positiveSeconds(value?.text ?? "", what: "--\(option)", needs: "takes"))
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
        case .flag(let set): set(&settings, false)
        case .choice(let set): set(&settings, false)
        case .valueMode(let mode): if settings.valueMode == mode { settings.valueMode = .auto }
        case .unflag, .text, .list, .seconds: break
        }
    }

    /// Empties a list setting, so that a REPL line's `--master` options replace the session's
    /// rather than add to them.
    func clearList(_ settings: inout Settings) {
        if case .list(_, let clear) = target { clear(&settings) }
    }
}
