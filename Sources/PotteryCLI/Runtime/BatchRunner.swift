import PotteryProcess
#if canImport(Glibc)
    import Glibc
#endif

/// Batch mode (SPEC §6): standard input that is not a terminal holds one command per line, `#` starts
/// a comment; the first failing line (a negative answer, status 1, included) stops the run with its
/// status unless `--keep-going`; `quit` ends it. A line of options alone (`--raw`, `-u URL`) changes
/// the settings of the lines after it. Every message names its line (`pottery: line 3: ...`), and a
/// stop always says where and why in one line.
final class BatchRunner: LinePolicy {
    let dispatcher: Dispatcher
    let settings: Settings
    /// The words of the current line's negative answer, once its verb answered status 1.
    private var negativeAnswer: String?

    init(dispatcher: Dispatcher, settings: Settings) {
        self.dispatcher = dispatcher
        self.settings = settings
    }

    func run() -> ExitStatus {
        let session = dispatcher.session
        if isatty(0) != 0 {
            // The REPL's prompt and answers would go nowhere; batch mode judges each line alone.
            if session.out.closedAtStart { return dispatcher.report(CLIError.closedOutput, context: "") }
            return Repl.open(dispatcher: dispatcher, settings: settings)
        }
        session.stdinHoldsCommands = true
        defer { session.location = nil }
        var settings = self.settings
        var failures: [(line: Int, status: ExitStatus)] = []
        loop: while true {
            let line: [UInt8]?
            do {
                line = try session.stdin.nextLine()
            } catch {
                session.err.writeLine("pottery: batch: cannot read standard input")
                return .redis
            }
            guard let line else { break }
            session.location = location
            negativeAnswer = nil
            switch LineRunner(dispatcher: dispatcher).run(line: line, settings: settings, policy: self) {
            case .done(let status):
                guard status != .success else { continue }
                failures.append((session.stdin.lineNumber, status))
                let stops = !settings.keepGoing || status == .brokenPipe || status == .outputFailed
                guard stops else { continue }
                if let negativeAnswer { sayNegative(negativeAnswer, line: line) }
                break loop
            case .settings(let changed): settings = changed
            case .leave: break loop
            case .terminate(let signal): return Interrupts.exitStatus(for: signal)
            }
        }
        guard let first = failures.first else { return .success }
        if settings.keepGoing, failures.count > 0 {
            session.location = nil
            let lines = failures.count == 1 ? "1 line" : "\(failures.count) lines"
            session.err.writeLine(
                "pottery: batch: \(lines) failed, the first at line \(first.line) (status \(first.status.rawValue))"
            )
        }
        return first.status
    }

    var location: String? { "line \(dispatcher.session.stdin.lineNumber)" }

    func optionsAlone(_ settings: Settings, words: [Word]) -> LineOutcome { .settings(settings) }

    func execute(_ invocation: Invocation) -> LineOutcome {
        let status = dispatcher.execute(invocation)
        if status == .negative { negativeAnswer = invocation.verb.negativeAnswer }
        return .done(status)
    }

    /// `pottery: line 3: dict get nokey x: the field is absent (status 1)`; the line as typed, unless
    /// it carries a password. Said when it stops the batch (with `--keep-going`, the summary says).
    private func sayNegative(_ answer: String, line: [UInt8]) {
        var why = answer
        if why.hasPrefix("status 1: ") { why.removeFirst("status 1: ".count) }
        if why == "status 1" { why = "a negative answer" }
        let shown =
            SecretLine.carriesSecret(line)
            ? "(a line with a password)" : KeyDisplay.text(Array(line.prefix { $0 != 0x0A }), limit: 120)
        dispatcher.session.err.writeLine(
            "pottery: \(location ?? ""): \(shown.trimmingBlanks): \(why) (status 1)")
    }
}

extension String {
    fileprivate var trimmingBlanks: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
