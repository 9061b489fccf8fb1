/// What an option's value is; decides how it is checked, converted, shown and completed.
enum OptionKind: String, Sendable, CaseIterable {
    /// No value: present or not.
    case flag
    /// A whole number.
    case integer
    /// A duration in seconds, fractions allowed, at least a millisecond.
    case seconds
    /// A wait in seconds, which may be 0.
    case wait
    /// A number strictly between two bounds (an error rate).
    case fraction
    /// A Redis URL.
    case url
    /// An opaque word.
    case word
}

/// An option of a verb or of the whole program, with its kind and the conversion of its values.
/// A flag converts to `Bool`; an option with a value to the value of its last appearance, or nil.
struct OptionSpec: Sendable {
    let long: String
    /// Other long names of the same option (`--timeout` is also `--wait` for `queue get`).
    let aliases: [String]
    let short: Character?
    let kind: OptionKind
    /// `URL`, `S`, `N` in the synopsis; nil for a flag.
    let valueName: String?
    let help: String
    /// A verb option that deliberately has a global option's name (SPEC §5: after the verb the verb's
    /// option wins; the global one is given before the structure word). Any other clash is a bug.
    let shadowsGlobal: Bool
    /// A global option's effect on the settings; nil for a verb's option, `--help` and `--version`.
    var setting: SettingBinding? = nil
    /// A flag that makes the verb print a stream without end (`--follow`): the REPL never pages it,
    /// since a pager would show nothing until the stream ends.
    var streams = false
    /// Converts the values given (one per appearance, in order; empty when absent).
    let convert: @Sendable ([Word], String) throws(CLIError) -> any Sendable

    var takesValue: Bool { kind != .flag }

    /// Whether `--name` names this option.
    func answers(toLong name: String) -> Bool { long == name || aliases.contains(name) }

    /// `-u, --url URL`, `--reverse`, `--timeout S, --wait S`.
    var synopsis: String {
        var text = short.map { "-\($0), " } ?? ""
        let value = valueName.map { " \($0)" } ?? ""
        text += ([long] + aliases).map { "--\($0)\(value)" }.joined(separator: ", ")
        return text
    }
}

/// A typed handle on one verb option; a handler reads it with `context[option]`.
struct VerbOption<Value: Sendable>: Sendable {
    private(set) var spec: OptionSpec

    fileprivate init(
        _ long: String, aliases: [String], short: Character?, kind: OptionKind, valueName: String?,
        help: String, shadowsGlobal: Bool,
        convert: @escaping @Sendable ([Word], String) throws(CLIError) -> Value
    ) {
        spec = OptionSpec(
            long: long, aliases: aliases, short: short, kind: kind, valueName: valueName, help: help,
            shadowsGlobal: shadowsGlobal
        ) { (words, what) throws(CLIError) -> any Sendable in try convert(words, what) }
    }

    /// An option with a value: the last appearance wins.
    fileprivate static func valued<Scalar>(
        _ long: String, aliases: [String], short: Character?, kind: OptionKind, valueName: String,
        help: String, shadowsGlobal: Bool,
        _ scalar: @escaping @Sendable (Word, String) throws(CLIError) -> Scalar
    ) -> VerbOption<Scalar?> {
        VerbOption<Scalar?>(
            long, aliases: aliases, short: short, kind: kind, valueName: valueName, help: help,
            shadowsGlobal: shadowsGlobal
        ) { (words, what) throws(CLIError) in
            guard let last = words.last else { return nil }
            return try scalar(last, what)
        }
    }
}

extension VerbOption where Value == Bool {
    /// The same flag, marked as one that makes its verb stream (``OptionSpec/streams``).
    func streaming() -> Self {
        var copy = self
        copy.spec.streams = true
        return copy
    }

    static func flag(
        _ long: String, aliases: [String] = [], short: Character? = nil, shadowsGlobal: Bool = false,
        _ help: String
    ) -> Self {
        VerbOption(
            long, aliases: aliases, short: short, kind: .flag, valueName: nil, help: help,
            shadowsGlobal: shadowsGlobal
        ) { words, _ in !words.isEmpty }
    }
}

extension VerbOption where Value == Int? {
    static func integer(
        _ long: String, short: Character? = nil, value: String = "N",
        in range: ClosedRange<Int> = Int.min...Int.max, _ help: String
    ) -> Self {
        valued(
            long, aliases: [], short: short, kind: .integer, valueName: value, help: help,
            shadowsGlobal: false
        ) { (word, what) throws(CLIError) in try Conversions.integer(word, what: what, in: range) }
    }
}

extension VerbOption where Value == Milliseconds? {
    static func seconds(_ long: String, value: String = "S", _ help: String) -> Self {
        valued(
            long, aliases: [], short: nil, kind: .seconds, valueName: value, help: help, shadowsGlobal: false
        ) { (word, what) throws(CLIError) in try Conversions.duration(word, what: what) }
    }

    /// A wait, which may be 0; `shadowsGlobal` for `queue get --timeout` (SPEC §5).
    static func wait(
        _ long: String, aliases: [String] = [], short: Character? = nil, value: String = "S",
        shadowsGlobal: Bool = false, _ help: String
    ) -> Self {
        valued(
            long, aliases: aliases, short: short, kind: .wait, valueName: value, help: help,
            shadowsGlobal: shadowsGlobal
        ) { (word, what) throws(CLIError) in try Conversions.wait(word, what: what) }
    }
}

extension VerbOption where Value == Double? {
    static func fraction(_ long: String, value: String = "P", above: Double, below: Double, _ help: String)
        -> Self
    {
        valued(
            long, aliases: [], short: nil, kind: .fraction, valueName: value, help: help, shadowsGlobal: false
        ) { (word, what) throws(CLIError) in
            try Conversions.fraction(word, what: what, above: above, below: below)
        }
    }
}

extension VerbOption where Value == String? {
    static func word(_ long: String, short: Character? = nil, value: String, _ help: String) -> Self {
        valued(
            long, aliases: [], short: short, kind: .word, valueName: value, help: help, shadowsGlobal: false
        ) { word, _ in word.text }
    }
}

/// A verb option whose value is a word, the last one given (`lock run -c`): a plain struct rather
/// than a ``VerbOption``, so that listing it in a verb's options does not instantiate
/// `VerbOption<String?>`'s metadata, which every start-up would pay for (about 20 k instructions).
struct WordOption: OptionDeclaration {
    let spec: OptionSpec

    init(_ long: String, short: Character? = nil, value: String, _ help: String) {
        spec = OptionSpec(
            long: long, aliases: [], short: short, kind: .word, valueName: value, help: help,
            shadowsGlobal: false
        ) { words, _ in words.last?.text }
    }
}

/// A verb option whose value is kept as the bytes given: a key (`set union --into DEST`), or a value
/// (`dict get --default V`) that the handler reads in the value mode in force, like the verb's V
/// arguments, with `context.storedValue(of:)` before it connects (a bad one is status 2, nothing done).
struct BytesOption: OptionDeclaration {
    let spec: OptionSpec

    init(_ long: String, value: String, _ help: String) {
        spec = OptionSpec(
            long: long, aliases: [], short: nil, kind: .word, valueName: value, help: help,
            shadowsGlobal: false
        ) { words, _ in words.last?.bytes }
    }
}
