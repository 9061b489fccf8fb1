import PotteryProcess
/// What a handler does when it runs; receives everything parsed and converted.
typealias CommandHandler = @Sendable (CommandContext) throws -> ExitStatus

/// Facts about a verb that the dispatcher acts on in one place, and help shows.
struct VerbTraits: OptionSet, Sendable, Hashable {
    let rawValue: Int

    /// Changes data in Redis.
    static let writes = VerbTraits(rawValue: 1 << 0)
    /// May wait without bound (a blocking read, a lock wait): Ctrl-C abandons it with status 130.
    static let mayBlock = VerbTraits(rawValue: 1 << 1)
    /// Talks to the quorum masters (`--master`, `POTTERY_MASTERS`) rather than the one server.
    static let needsMasters = VerbTraits(rawValue: 1 << 2)
    /// Runs a child command, whose status becomes ours.
    static let runsChild = VerbTraits(rawValue: 1 << 3)
    /// Not shown by help, completion, the man page or the README: a command for scripts of ours
    /// (`__complete`) or a word of the REPL (`quit`). `pottery __table` lists it.
    static let hidden = VerbTraits(rawValue: 1 << 4)
    /// Opens an interactive session (`repl`); refused inside one.
    static let opensSession = VerbTraits(rawValue: 1 << 5)
    /// Ends the session it is read in, the REPL's or a batch's (`quit`); nothing to end on the
    /// command line.
    static let endsSession = VerbTraits(rawValue: 1 << 6)
}

/// One verb of a structure (`dict get`) or one top-level command (`ping`).
struct VerbSpec: Sendable {
    let name: String
    let aliases: [String]
    let summary: String
    let arguments: [ArgumentSpec]
    let options: [OptionSpec]
    /// Options of which at most one may be given (`--wait S | --nowait`), by long name.
    let exclusive: [[String]]
    let traits: VerbTraits
    /// What it prints and what its exit status answers, for help and the man page.
    let prints: String
    /// A longer note for `--help` and the man page (atomicity, limits), if any.
    let notes: String
    let handler: CommandHandler

    init(
        _ name: String, aliases: [String] = [], _ summary: String, arguments: [any ArgumentDeclaration] = [],
        options: [any OptionDeclaration] = [], exclusive: [[String]] = [], traits: VerbTraits = [],
        prints: String = "", notes: String = "", handler: @escaping CommandHandler
    ) {
        self.name = name
        self.aliases = aliases
        self.summary = summary
        self.arguments = arguments.map(\.spec)
        self.options = options.map(\.spec)
        self.exclusive = exclusive
        self.traits = traits
        self.prints = prints
        self.notes = notes
        self.handler = handler
    }

    func answers(to word: String) -> Bool { name == word || aliases.contains(word) }

    /// Whether the verb writes to standard output, as its `prints` says: not when that is empty or
    /// begins with "nothing" (`dict set`, `lock release`), nor for a predicate ("true or false...")
    /// under `-q`. A verb that prints refuses to run when standard output was closed at start (74).
    func printsOutput(quiet: Bool) -> Bool {
        if prints.isEmpty || prints.hasPrefix("nothing") { return false }
        return !(quiet && prints.hasPrefix("true or false"))
    }

    /// What status 1 means for this verb, in the words of its `prints`: `status 1: the field is
    /// absent` from "...; status 1 if the field is absent"; `false` for a predicate; `status 1` when
    /// `prints` does not say.
    var negativeAnswer: String {
        if prints.hasPrefix("true or false") { return "false" }
        guard let status = prints.firstRange(of: "status 1"),
            let condition = prints[status.upperBound...].firstRange(of: "if ")
        else { return "status 1" }
        var why = String(prints[condition.upperBound...].prefix { $0 != "(" && $0 != ";" && $0 != "." })
        while why.last?.isWhitespace == true { why.removeLast() }
        return "status 1: " + why
    }

    /// The verb's own option called `--name`.
    func option(long name: String) -> OptionSpec? { options.first { $0.answers(toLong: name) } }

    func option(short letter: Character) -> OptionSpec? { options.first { $0.short == letter } }

    /// The argument part of the synopsis: `KEY FIELD`.
    var argumentSynopsis: String { arguments.map(\.synopsis).joined(separator: " ") }

    /// Whether this verb reads values from standard input when given `-`.
    var acceptsStdin: Bool { arguments.contains { $0.arity.acceptsStdin } }

    /// The position of an argument that takes the rest of the line (a child command), if any.
    var restPosition: Int? { arguments.firstIndex { $0.arity.isRest } }
}

/// Anything the table lists as an argument: an ``Argument`` of any type.
protocol ArgumentDeclaration: Sendable {
    var spec: ArgumentSpec { get }
}

/// Anything the table lists as a verb option: a ``VerbOption`` of any type.
protocol OptionDeclaration: Sendable {
    var spec: OptionSpec { get }
}

extension Argument: ArgumentDeclaration {}
extension VerbOption: OptionDeclaration {}
