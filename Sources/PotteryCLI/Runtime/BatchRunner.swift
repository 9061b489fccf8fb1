import PotteryProcess
#if canImport(Glibc)
    import Glibc
#endif

/// Batch mode (SPEC §6): standard input that is not a terminal holds one command per line, `#` starts
/// a comment; the first failing line stops the run with its status unless `--keep-going`. A line of
/// options alone (`--raw`, `-u URL`) changes the settings of the lines after it.
struct BatchRunner {
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
        while true {
            let line: [UInt8]?
            do {
                line = try session.stdin.nextLine()
            } catch {
                session.err.writeLine("pottery: batch: cannot read standard input")
                return .redis
            }
            guard let line else { break }
            let status = runLine(line, settings: &settings)
            if status != .success {
                firstFailure = firstFailure ?? status
                if !settings.keepGoing || status == .brokenPipe || status == .outputFailed { break }
            }
        }
        return firstFailure ?? .success
    }

    /// One line: a command, help, or options that change `settings` for the lines after it.
    private func runLine(_ line: [UInt8], settings: inout Settings) -> ExitStatus {
        let session = dispatcher.session
        let words: [Word]
        do {
            words = try ShellWords.split(bytes: line)
        } catch {
            session.err.writeLine("pottery: batch line \(session.stdin.lineNumber): \(error.message)")
            return .usage
        }
        if words.isEmpty { return .success }
        let parsed: ParsedCommand
        do {
            parsed = try ArgvParser(table: dispatcher.table).parse(words, settings: settings)
        } catch {
            session.err.writeLine("pottery: batch line \(session.stdin.lineNumber): \(error.message)")
            return .usage
        }
        switch parsed {
        case .interactive(let changed):
            settings = changed
            return .success
        case .run(let invocation):
            return dispatcher.execute(invocation)
        case .help, .version:
            return dispatcher.run(words, settings: settings)
        }
    }
}
