import PotteryCore
import RedisClient
import PotteryJSON

/// Everything a handler needs: its parsed arguments and options, values in stored form, output, and
/// the connection (opened only when first asked for, so help and usage errors never connect).
final class CommandContext {
    let invocation: Invocation
    let session: Session
    let printer: ValuePrinter

    init(invocation: Invocation, session: Session) {
        self.invocation = invocation
        self.session = session
        self.printer = ValuePrinter(out: session.out, raw: invocation.settings.raw)
    }

    var settings: Settings { invocation.settings }
    var out: OutputWriter { session.out }
    var mode: ValueMode { settings.valueMode }

    func connection() throws -> RedisConnection { try session.connection(for: settings) }

    /// The first word bound to argument `name` (required arguments are always there).
    func word(_ name: String) -> String { invocation.arguments.first(name) ?? "" }

    func words(_ name: String) -> [String] { invocation.arguments[name] }

    var key: String { word("KEY") }

    /// The value of an option given once (the last one wins), or nil.
    func option(_ long: String) -> String? { invocation.options[long]?.last }

    func flag(_ long: String) -> Bool { invocation.options[long] != nil }

    /// One value argument in stored form.
    func value(_ name: String) throws(CLIError) -> [UInt8] {
        try ValueReader.argument(word(name), mode: mode, what: name)
    }

    /// Every value bound to `name`, in stored form; all are read before any is used, so a bad one
    /// stops the command before it writes.
    func values(_ name: String) throws(CLIError) -> [[UInt8]] {
        let words = words(name)
        var stored: [[UInt8]] = []
        stored.reserveCapacity(words.count)
        for (index, word) in words.enumerated() {
            let what = words.count == 1 ? name : "\(name) \(index + 1)"
            stored.append(try ValueReader.argument(word, mode: mode, what: what))
        }
        return stored
    }

    /// Whether the values of `name` come from standard input (`-`).
    func readsStdin(_ name: String) -> Bool { words(name) == ["-"] }

    /// Calls `body` with each value of `name` in stored form: from the arguments (all read first), or
    /// streamed from standard input, one per line, blank lines skipped.
    func forEachValue(_ name: String, _ body: ([UInt8]) throws -> Void) throws {
        guard readsStdin(name) else {
            for value in try values(name) { try body(value) }
            return
        }
        try forEachInputLine { line, number in
            var stored: [UInt8] = []
            stored.reserveCapacity(line.count + 2)
            do throws(JSONError) {
                try ValueReader.append(line, mode: mode, into: &stored)
            } catch {
                throw CLIError.invalidInput(
                    "standard input line \(number) is not valid JSON (-j): \(error.message)")
            }
            try body(stored)
        }
    }

    /// Each non-blank line of standard input with its line number.
    func forEachInputLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        if session.stdinHoldsCommands {
            throw CLIError.usage("'-' cannot read values in batch mode: standard input holds the commands")
        }
        let reader = session.stdin
        try reader.forEachLine { line in
            if ValueReader.isBlank(line) { return }
            try body(line, reader.lineNumber)
        }
    }

    /// A whole number argument or option value.
    func integer(_ text: String, what: String) throws(CLIError) -> Int {
        guard let number = Int(text) else {
            throw .invalidInput("\(what) must be a whole number, not '\(text)'")
        }
        return number
    }

    /// A number of seconds, fractions allowed.
    func seconds(_ text: String, what: String) throws(CLIError) -> Double {
        guard let number = Double(text), number.isFinite else {
            throw .invalidInput("\(what) must be a number of seconds, not '\(text)'")
        }
        return number
    }

    /// Prints a predicate's answer (unless `-q`) and returns its exit status.
    func answer(_ holds: Bool) -> ExitStatus {
        if !settings.quiet { printer.printBool(holds) }
        return .answer(holds)
    }
}
