import PotteryProcess
#if canImport(Glibc)
    import Glibc
#endif

/// Batch mode (SPEC §6): standard input that is not a terminal holds one command per line, `#` starts
/// a comment; the first failing line stops the run with its status unless `--keep-going`; `quit`
/// ends it. A line of options alone (`--raw`, `-u URL`) changes the settings of the lines after it.
struct BatchRunner: LinePolicy {
    let dispatcher: Dispatcher
    let settings: Settings

    func run() -> ExitStatus {
        let session = dispatcher.session
        if isatty(0) != 0 {
            // The REPL's prompt and answers would go nowhere; batch mode judges each line alone.
            if session.out.closedAtStart { return dispatcher.report(CLIError.closedOutput, context: "") }
            return Repl.open(dispatcher: dispatcher, settings: settings)
        }
        session.stdinHoldsCommands = true
        var settings = self.settings
        var firstFailure: ExitStatus?
        loop: while true {
            let line: [UInt8]?
            do {
                line = try session.stdin.nextLine()
            } catch {
                session.err.writeLine("pottery: batch: cannot read standard input")
                return .redis
            }
            guard let line else { break }
            switch LineRunner(dispatcher: dispatcher).run(line: line, settings: settings, policy: self) {
            case .done(let status):
                guard status != .success else { continue }
                firstFailure = firstFailure ?? status
                if !settings.keepGoing || status == .brokenPipe || status == .outputFailed { break loop }
            case .settings(let changed): settings = changed
            case .leave: break loop
            case .terminate(let signal): return Interrupts.exitStatus(for: signal)
            }
        }
        return firstFailure ?? .success
    }

    var location: String? { "batch line \(dispatcher.session.stdin.lineNumber)" }

    func optionsAlone(_ settings: Settings, words: [Word]) -> LineOutcome { .settings(settings) }
}
