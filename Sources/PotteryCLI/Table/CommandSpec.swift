/// The shapes the command table is made of. The table itself (``CommandTable``) is plain data built from
/// these; help, `pottery help`, the REPL's completion, the man page and the completion scripts all render it.

/// What a positional argument stands for; decides how it is read and how it is completed.
enum ArgumentKind: String, Sendable {
    /// A Redis key name, taken literally.
    case key
    /// A JSON value read in the current value mode (auto, `-s`, `-j`).
    case value
    /// A whole number.
    case integer
    /// A Python index or slice (`-1`, `1:3`, `::2`).
    case indexOrSlice
    /// A duration in seconds, fractions allowed.
    case seconds
    /// A glob pattern as SCAN MATCH takes it.
    case pattern
    /// A command and its arguments, run without a shell.
    case command
    /// An opaque word (a lock token, a structure name).
    case word
}

/// How many times a positional argument may appear.
enum Arity: Sendable, Equatable {
    case one
    case optional
    case oneOrMore
    case zeroOrMore
    /// One or more values, or a single `-` to read NDJSON from standard input.
    case valuesOrStdin
    /// FIELD V pairs, one or more of them.
    case pairs
}

struct ArgumentSpec: Sendable {
    let name: String
    let kind: ArgumentKind
    let arity: Arity
    let help: String

    init(_ name: String, _ kind: ArgumentKind, _ help: String) {
        self.init(name, kind, .one, help)
    }

    init(_ name: String, _ kind: ArgumentKind, _ arity: Arity, _ help: String) {
        self.name = name
        self.kind = kind
        self.arity = arity
        self.help = help
    }

    /// The synopsis form: `KEY`, `[N]`, `V...|-`, `FIELD V [FIELD V ...]`.
    var synopsis: String {
        switch arity {
        case .one: return name
        case .optional: return "[\(name)]"
        case .oneOrMore: return "\(name)..."
        case .zeroOrMore: return "[\(name)...]"
        case .valuesOrStdin: return "\(name)...|-"
        case .pairs:
            let parts = name.split(separator: " ")
            return "\(name) [\(parts.joined(separator: " ")) ...]"
        }
    }
}

/// An option of a verb or of the whole program. `valueName == nil` means a flag.
struct OptionSpec: Sendable {
    let long: String
    let short: Character?
    let valueName: String?
    let help: String

    init(_ long: String, short: Character? = nil, value: String? = nil, _ help: String) {
        self.long = long
        self.short = short
        self.valueName = value
        self.help = help
    }

    var takesValue: Bool { valueName != nil }

    /// `-u, --url URL` or `--reverse`.
    var synopsis: String {
        var text = short.map { "-\($0), " } ?? ""
        text += "--\(long)"
        if let valueName { text += " \(valueName)" }
        return text
    }
}

/// What a handler does when it runs; receives everything parsed.
typealias CommandHandler = @Sendable (CommandContext) throws -> ExitStatus

/// One verb of a structure (`dict get`) or one top-level command (`ping`).
struct VerbSpec: Sendable {
    let name: String
    let aliases: [String]
    let summary: String
    let arguments: [ArgumentSpec]
    let options: [OptionSpec]
    /// What it prints and how the exit status answers, for help and the man page.
    let prints: String
    let handler: CommandHandler

    init(
        _ name: String, aliases: [String] = [], _ summary: String, arguments: [ArgumentSpec] = [],
        options: [OptionSpec] = [], prints: String = "", handler: @escaping CommandHandler
    ) {
        self.name = name
        self.aliases = aliases
        self.summary = summary
        self.arguments = arguments
        self.options = options
        self.prints = prints
        self.handler = handler
    }

    func answers(to word: String) -> Bool { name == word || aliases.contains(word) }

    /// The argument part of the synopsis: `KEY FIELD`.
    var argumentSynopsis: String { arguments.map(\.synopsis).joined(separator: " ") }

    /// Whether this verb reads values from standard input when given `-`.
    var acceptsStdin: Bool { arguments.contains { $0.arity == .valuesOrStdin } }
}

/// A structure (`dict`, `set`) and its verbs, or the group of top-level commands.
struct GroupSpec: Sendable {
    let name: String
    let aliases: [String]
    let summary: String
    /// The Python pottery class it shares keys with, if any.
    let pythonClass: String?
    /// Top-level groups hold commands run without a structure word (`pottery ping`).
    let isTopLevel: Bool
    let verbs: [VerbSpec]

    init(
        _ name: String, aliases: [String] = [], _ summary: String, pythonClass: String? = nil,
        isTopLevel: Bool = false, verbs: [VerbSpec]
    ) {
        self.name = name
        self.aliases = aliases
        self.summary = summary
        self.pythonClass = pythonClass
        self.isTopLevel = isTopLevel
        self.verbs = verbs
    }

    func answers(to word: String) -> Bool { name == word || aliases.contains(word) }

    func verb(named word: String) -> VerbSpec? { verbs.first { $0.answers(to: word) } }
}
