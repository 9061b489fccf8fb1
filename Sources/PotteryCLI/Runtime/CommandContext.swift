import PotteryProcess
import PotteryCore
import RedisClient
import PotteryJSON

/// Everything a handler needs: its arguments and options, typed by the table, values in stored
/// form, output, and the connection (opened only when first asked for, so help and usage errors never
/// connect).
final class CommandContext {
    let invocation: Invocation
    let session: Session
    /// The table the command was found in (the REPL and `__table` work over it).
    let table: CommandTable
    let printer: ValuePrinter

    init(invocation: Invocation, session: Session, table: CommandTable) {
        self.invocation = invocation
        self.session = session
        self.table = table
        self.printer = ValuePrinter(
            out: session.out, raw: invocation.settings.raw,
            terminal: invocation.settings.raw && session.out.isTerminal, ascii: invocation.settings.ascii,
            escapesC1: session.out.isTerminal)
    }

    var settings: Settings { invocation.settings }
    var out: OutputWriter { session.out }
    var mode: ValueMode { settings.valueMode }

    func connection() throws -> RedisConnection { try session.connection(for: settings) }

    /// The quorum masters that answered, once the dispatcher connected them (verbs with the
    /// `needsMasters` trait), and how many there are in all.
    private(set) var masters: [RedisConnection] = []
    private(set) var masterCount = 0

    /// Connects every master at once; fails with a quorum error when fewer than a majority answer.
    func connectMasters() throws {
        let quorum = try Quorum(connecting: try session.masters(for: settings))
        masters = quorum.masters
        masterCount = quorum.count
    }

    /// An argument of the verb, converted by the table: `context[DictTable.field]`.
    subscript<Value>(_ argument: Argument<Value>) -> Value {
        invocation.arguments.value(argument.spec.name, as: Value.self)
    }

    /// An option of the verb: a flag as `Bool`, an option with a value as an optional.
    subscript<Value>(_ option: VerbOption<Value>) -> Value {
        invocation.options.value(option.spec.long, as: Value.self)
    }

    /// A word option of the verb, the last word given.
    subscript(_ option: WordOption) -> String? {
        invocation.options.value(option.spec.long, as: String?.self)
    }

    /// A bytes option of the verb, as given; nil when absent.
    subscript(_ option: BytesOption) -> [UInt8]? {
        invocation.options.value(option.spec.long, as: [UInt8]?.self)
    }

    /// A bytes option of the verb read as a value in the value mode in force; nil when absent.
    func storedValue(of option: BytesOption) throws(CLIError) -> [UInt8]? {
        guard let given = self[option] else { return nil }
        return try ValueReader.argument(given, mode: mode, what: "--\(option.spec.long)")
    }

    /// Calls `body` with each value of `source` in stored form: the arguments (already checked), or
    /// standard input streamed one line at a time, blank lines skipped, in the value mode in force.
    func forEachValue(_ source: ValueSource, _ body: ([UInt8]) throws -> Void) throws {
        switch source {
        case .arguments(let values):
            for value in values { try body(value) }
        case .standardInput:
            try checkStdinHoldsValues()
            let reader = session.stdin
            var stored: [UInt8] = []
            // The line is converted inside `withNextLine` and used after it, once the reader let
            // go of a huge line: a 200 MB value is held twice at most (line and stored form, then
            // stored form and command), not four times.
            while let converted = try reader.withNextLine({ line throws -> Bool in
                guard !ValueReader.isBlank(line) else { return false }
                // A large stored form is let go rather than kept as capacity for the next line.
                if stored.capacity > 1 << 20 { stored = [] } else { stored.removeAll(keepingCapacity: true) }
                do throws(JSONError) {
                    try ValueReader.append(line, mode: mode, into: &stored)
                } catch {
                    throw CLIError.invalidInput(
                        "standard input line \(reader.lineNumber) is not valid JSON (-j): \(error.message)")
                }
                return true
            }) {
                if converted { try body(stored) }
            }
        }
    }

    /// Each non-blank line of standard input with its line number.
    func forEachInputLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        try checkStdinHoldsValues()
        let reader = session.stdin
        try reader.forEachLine { line in
            if ValueReader.isBlank(line) { return }
            try body(line, reader.lineNumber)
        }
    }

    /// Throws when standard input holds commands (batch mode, the REPL), not values.
    private func checkStdinHoldsValues() throws(CLIError) {
        if session.stdinHoldsCommands {
            throw CLIError.usage(
                "'-' cannot read values in batch mode or the REPL: standard input holds the commands")
        }
    }

    /// Prints a predicate's answer (unless `-q`) and returns its exit status.
    func answer(_ holds: Bool) throws(CLIError) -> ExitStatus {
        if !settings.quiet { try printer.printBool(holds) }
        return .answer(holds)
    }
}
