/// What a positional argument stands for; decides how it is checked, converted and completed.
enum ArgumentKind: String, Sendable, CaseIterable {
    /// A Redis key name, taken as bytes.
    case key
    /// A JSON value read in the current value mode (auto, `-s`, `-j`), converted to its stored form.
    case value
    /// A JSON text that must parse as it stands, whatever the value mode (`dict update`'s objects).
    case jsonText
    /// A whole number in decimal.
    case integer
    /// A Python index (`-1` is the last).
    case index
    /// A Python index or slice (`-1`, `1:3`, `::2`).
    case indexOrSlice
    /// A duration in seconds, fractions allowed.
    case seconds
    /// A glob pattern as SCAN MATCH takes it, as bytes.
    case pattern
    /// A command and its arguments, run without a shell and never parsed as options.
    case command
    /// An opaque word (a lock token).
    case word
}

/// How many words a positional argument takes.
enum Arity: Sendable, Equatable {
    case one
    case optional
    case oneOrMore
    case zeroOrMore
    /// One or more values, or a single `-` to read NDJSON from standard input.
    case valuesOrStdin
    /// Pairs (`FIELD V [FIELD V ...]`), one or more.
    case pairs
    /// Pairs, or a single `-` to read NDJSON pairs from standard input.
    case pairsOrStdin
    /// Everything that is left, verbatim: a child command, after `--` or from its first word on.
    case rest
    /// Every word after a `--` that must be given, verbatim, possibly none (`__complete -- WORDS`).
    case afterSeparator

    var minimum: Int {
        switch self {
        case .one, .oneOrMore, .valuesOrStdin, .pairsOrStdin, .rest: return 1
        case .optional, .zeroOrMore, .afterSeparator: return 0
        case .pairs: return 2
        }
    }

    var maximum: Int {
        switch self {
        case .one, .optional: return 1
        case .oneOrMore, .zeroOrMore, .valuesOrStdin, .pairs, .pairsOrStdin, .rest, .afterSeparator:
            return Int.max
        }
    }

    /// Whether a lone `-` stands for standard input.
    var acceptsStdin: Bool { self == .valuesOrStdin || self == .pairsOrStdin }

    var takesPairs: Bool { self == .pairs || self == .pairsOrStdin }

    /// Whether it takes the rest of the line verbatim, never parsed as options.
    var isRest: Bool { self == .rest || self == .afterSeparator }
}

/// What the binder knows while it converts words: the value mode and the command, for messages.
struct BindingContext: Sendable {
    var mode: ValueMode
    /// `dict get`: what a usage error points at.
    var command: String
    /// The verb's own options given, by long name.
    var options: Set<String> = []
}

/// One positional argument of a verb: its name, kind, arity and help, and how its words become the
/// typed value a handler reads. Built through ``Argument``, whose constructors keep the kind, the
/// arity and the Swift type in step.
struct ArgumentSpec: Sendable {
    /// `KEY`; for pairs the two names, `FIELD V`.
    let name: String
    let kind: ArgumentKind
    let arity: Arity
    let help: String
    /// A verb option that gives the same thing another way (`lock run -c` for CMD): with that
    /// option the argument is absent (bound empty), and both together are a usage error.
    var alternative: String? = nil
    /// Converts the words bound to this argument (none when an optional one is absent).
    let convert: @Sendable ([Word], BindingContext) throws(CLIError) -> any Sendable

    /// The name a message uses for a missing argument: `FIELD` for the pairs `FIELD V`.
    var leadingName: String { String(name.split(separator: " ").first ?? Substring(name)) }

    /// The synopsis form: `KEY`, `[N]`, `V...|-`, `FIELD V [FIELD V ...]`, `-- CMD [ARG...]`.
    var synopsis: String { synopsis(stdin: true) }

    /// The synopsis; without `|-` where standard input cannot hold values (the REPL's hints).
    func synopsis(stdin: Bool) -> String {
        let orStdin = stdin ? "|-" : ""
        switch arity {
        case .one: return name
        case .optional: return "[\(name)]"
        case .oneOrMore: return "\(name)..."
        case .zeroOrMore: return "[\(name)...]"
        case .valuesOrStdin: return "\(name)...\(orStdin)"
        case .pairs: return "\(name) [\(name) ...]"
        case .pairsOrStdin: return "\(name) [\(name) ...]\(orStdin)"
        case .rest: return "-- \(name) [ARG...]"
        case .afterSeparator: return "-- [\(name)...]"
        }
    }
}

/// A typed handle on one argument: the table lists it, the binder converts its words by kind before
/// the handler runs (so a bad number is exit 2 before anything connects), and a handler reads it with
/// `context[argument]` as a `Value`, never by a name string.
struct Argument<Value: Sendable>: Sendable {
    let spec: ArgumentSpec

    private init(
        _ name: String, _ kind: ArgumentKind, _ arity: Arity, _ help: String, alternative: String? = nil,
        _ convert: @escaping @Sendable ([Word], BindingContext) throws(CLIError) -> Value
    ) {
        spec = ArgumentSpec(name: name, kind: kind, arity: arity, help: help, alternative: alternative) {
            (words, context) throws(CLIError) -> any Sendable in try convert(words, context)
        }
    }

    /// Arguments that are one word of `kind`, converted by `scalar`.
    fileprivate static func single<Scalar>(
        _ name: String, _ kind: ArgumentKind, _ help: String,
        _ scalar: @escaping @Sendable (Word, String, BindingContext) throws(CLIError) -> Scalar
    ) -> Argument<Scalar> {
        Argument<Scalar>(name, kind, .one, help) { (words, context) throws(CLIError) in
            try scalar(words[0], name, context)
        }
    }

    fileprivate static func optional<Scalar>(
        _ name: String, _ kind: ArgumentKind, _ help: String,
        _ scalar: @escaping @Sendable (Word, String, BindingContext) throws(CLIError) -> Scalar
    ) -> Argument<Scalar?> {
        Argument<Scalar?>(name, kind, .optional, help) { (words, context) throws(CLIError) in
            guard let word = words.first else { return nil }
            return try scalar(word, name, context)
        }
    }

    fileprivate static func many<Scalar>(
        _ name: String, _ kind: ArgumentKind, _ arity: Arity, _ help: String,
        _ scalar: @escaping @Sendable (Word, String, BindingContext) throws(CLIError) -> Scalar
    ) -> Argument<[Scalar]> {
        Argument<[Scalar]>(name, kind, arity, help) { (words, context) throws(CLIError) in
            var values: [Scalar] = []
            values.reserveCapacity(words.count)
            for (index, word) in words.enumerated() {
                let what = words.count == 1 ? name : "\(name) \(index + 1)"
                values.append(try scalar(word, what, context))
            }
            return values
        }
    }

    fileprivate static func orStdin(
        _ name: String, _ kind: ArgumentKind, _ arity: Arity, _ help: String,
        _ scalar: @escaping @Sendable (Word, String, BindingContext) throws(CLIError) -> [UInt8]
    ) -> Argument<ValueSource> {
        Argument<ValueSource>(name, kind, arity, help) { (words, context) throws(CLIError) in
            if words.count == 1, words[0] == "-" { return .standardInput }
            var values: [[UInt8]] = []
            values.reserveCapacity(words.count)
            for (index, word) in words.enumerated() {
                values.append(try scalar(word, words.count == 1 ? name : "\(name) \(index + 1)", context))
            }
            return .arguments(values)
        }
    }
}

/// Where the values of a bulk verb come from: its arguments (already in stored form), or standard
/// input (`-`), read line by line while the command runs.
enum ValueSource: Sendable, Equatable {
    case arguments([[UInt8]])
    case standardInput
}

// MARK: - The constructors the tables use

extension Argument where Value == [UInt8] {
    /// One Redis key, as bytes.
    static func key(_ name: String = "KEY", _ help: String = "the Redis key") -> Self {
        single(name, .key, help) { word, _, _ in word.bytes }
    }

    /// One value in stored form.
    static func value(_ name: String, _ help: String) -> Self {
        single(name, .value, help, Conversions.storedValue)
    }
}

extension Argument where Value == [UInt8]? {
    /// An optional value in stored form (`dict pop KEY FIELD [DEFAULT]`).
    static func optionalValue(_ name: String, _ help: String) -> Self {
        optional(name, .value, help, Conversions.storedValue)
    }

    static func optionalPattern(_ name: String, _ help: String) -> Self {
        optional(name, .pattern, help) { word, _, _ in word.bytes }
    }
}

extension Argument where Value == [[UInt8]] {
    /// One or more Redis keys.
    static func keys(_ name: String, _ help: String) -> Self {
        many(name, .key, .oneOrMore, help) { word, _, _ in word.bytes }
    }

    /// One or more values in stored form, all checked before any is used.
    static func values(_ name: String, _ help: String) -> Self {
        many(name, .value, .oneOrMore, help, Conversions.storedValue)
    }

    /// `FIELD V [FIELD V ...]` in stored form, flat: `[f1, v1, f2, v2, ...]`.
    static func pairs(_ names: String, _ help: String) -> Self {
        many(names, .value, .pairs, help, Conversions.storedValue)
    }

    /// The words after a required `--`, verbatim, possibly none.
    static func wordsAfterSeparator(_ name: String, _ help: String) -> Self {
        Argument(name, .word, .afterSeparator, help) { words, _ in words.map(\.bytes) }
    }

    /// A child command and its arguments, verbatim; `orOption`: a verb option that may give it
    /// instead (``ArgumentSpec/alternative``: `lock run -c`).
    static func command(_ name: String = "CMD", _ help: String, orOption: String? = nil) -> Self {
        Argument(name, .command, .rest, help, alternative: orOption) { words, _ in words.map(\.bytes) }
    }
}

extension Argument where Value == ValueSource {
    /// Values in stored form, or `-` for NDJSON values on standard input.
    static func valuesOrStdin(_ name: String = "V", _ help: String) -> Self {
        orStdin(name, .value, .valuesOrStdin, help, Conversions.storedValue)
    }

    /// JSON texts as given (parsed by the handler), or `-` for NDJSON lines on standard input.
    static func jsonTextsOrStdin(_ name: String, _ help: String) -> Self {
        orStdin(name, .jsonText, .valuesOrStdin, help) { word, _, _ in word.bytes }
    }

    /// Pairs in stored form (`[f1, v1, ...]`), or `-` for NDJSON `[key, value]` pairs on standard input.
    static func pairsOrStdin(_ names: String, _ help: String) -> Self {
        orStdin(names, .value, .pairsOrStdin, help, Conversions.storedValue)
    }
}

extension Argument where Value == Int {
    static func integer(_ name: String, _ help: String, in range: ClosedRange<Int> = Int.min...Int.max)
        -> Self
    {
        single(name, .integer, help) { (word, what, _) throws(CLIError) in
            try Conversions.integer(word, what: what, in: range)
        }
    }
}

extension Argument where Value == Int? {
    static func optionalInteger(
        _ name: String, _ help: String, in range: ClosedRange<Int> = Int.min...Int.max
    ) -> Self {
        optional(name, .integer, help) { (word, what, _) throws(CLIError) in
            try Conversions.integer(word, what: what, in: range)
        }
    }
}

extension Argument where Value == Milliseconds {
    /// A duration in seconds (fractions allowed) that is at least one millisecond.
    /// A time to live: as ``seconds(_:_:)``, and 0, which expires the key at once (Redis deletes it).
    static func expiry(_ name: String, _ help: String) -> Self {
        single(name, .seconds, help) { (word, what, _) throws(CLIError) in
            try Conversions.wait(word, what: what)
        }
    }

    static func seconds(_ name: String, _ help: String) -> Self {
        single(name, .seconds, help) { (word, what, _) throws(CLIError) in
            try Conversions.duration(word, what: what)
        }
    }
}

extension Argument where Value == String {
    static func word(_ name: String, _ help: String) -> Self {
        single(name, .word, help) { word, _, _ in word.text }
    }
}

extension Argument where Value == PythonIndex {
    /// A Python index or slice (`-1`, `1:3`, `::2`, `-3:`, `::-1`), checked before anything connects.
    static func indexOrSlice(_ name: String, _ help: String) -> Self {
        single(name, .indexOrSlice, help) { (word, what, _) throws(CLIError) in
            try PythonIndex.parse(word.text, what: what)
        }
    }
}

extension Argument where Value == Int {
    /// A Python index (`-1` is the last); a number beyond 64 bits is taken at the nearest limit,
    /// which is out of range as Python's is.
    static func index(_ name: String, _ help: String) -> Self {
        single(name, .index, help) { (word, what, _) throws(CLIError) in
            try PythonIndex.index(word.text, what: what)
        }
    }
}

extension Argument where Value == Int? {
    /// An optional Python index.
    static func optionalIndex(_ name: String, _ help: String) -> Self {
        optional(name, .index, help) { (word, what, _) throws(CLIError) in
            try PythonIndex.index(word.text, what: what)
        }
    }
}

extension Argument where Value == String? {
    /// An opaque word that may be left out (a lock token the session remembers).
    static func optionalWord(_ name: String, _ help: String) -> Self {
        optional(name, .word, help) { word, _, _ in word.text }
    }
}
