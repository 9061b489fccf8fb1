#if canImport(Glibc)
    import Glibc
#endif

/// Batch mode (SPEC §6): standard input that is not a terminal holds one command per line, `#` starts
/// a comment; the first failing line stops the run with its status unless `--keep-going`.
struct BatchRunner {
    let dispatcher: Dispatcher
    let settings: Settings

    func run() -> ExitStatus {
        let session = dispatcher.session
        if isatty(0) != 0 {
            session.err.writeLine("pottery: the REPL is not built yet; give a command (see 'pottery --help')")
            session.err.flush()
            return .usage
        }
        session.stdinHoldsCommands = true
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
            let words: [String]
            do {
                words = try ShellWords.split(String(decoding: line, as: UTF8.self))
            } catch {
                session.err.writeLine("pottery: batch line \(session.stdin.lineNumber): \(error.message)")
                session.err.flush()
                firstFailure = firstFailure ?? .usage
                if settings.keepGoing { continue } else { break }
            }
            if words.isEmpty { continue }
            let status = dispatcher.run(words, settings: settings)
            if status != .success {
                firstFailure = firstFailure ?? status
                if !settings.keepGoing { break }
            }
        }
        return firstFailure ?? .success
    }
}
