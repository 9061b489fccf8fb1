import PotteryProcess
#if canImport(Glibc)
    import Glibc
#endif

/// The program's entry point, separate from `main.swift` so that tests can reach everything else.
public enum PotteryCommandLine {
    /// Runs pottery with the process's own arguments: made safe first (closed standard streams,
    /// a password in the process title), then taken as bytes.
    public static func runProcess() -> Int32 {
        let closed = StandardStreams.reopenClosed()
        let arguments = ProcessArguments.take()
        let session = Session(
            out: OutputWriter(fd: 1, closedAtStart: closed.contains(1)), err: DiagnosticWriter(fd: 2),
            stdin: LineReader(fd: 0))
        if arguments.exposedPassword {
            session.err.writeLine(
                "pottery: warning: a password on the command line is visible to other users until pottery"
                    + " starts; put it in POTTERY_PASSWORD or the URL in POTTERY_URL instead")
        }
        return Dispatcher(table: .standard, session: session).run(arguments.words).rawValue
    }

    /// Runs pottery with `arguments` (without the program name) and returns the exit status.
    public static func run(_ arguments: [String]) -> Int32 {
        let session = Session(
            out: OutputWriter(fd: 1), err: DiagnosticWriter(fd: 2), stdin: LineReader(fd: 0))
        return Dispatcher(table: .standard, session: session).run([Word](strings: arguments)).rawValue
    }
}
