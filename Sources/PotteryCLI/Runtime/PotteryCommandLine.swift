#if canImport(Glibc)
    import Glibc
#endif

/// The program's entry point, separate from `main.swift` so that tests can reach everything else.
public enum PotteryCommandLine {
    /// Runs pottery with `arguments` (without the program name) and returns the exit status.
    public static func run(_ arguments: [String]) -> Int32 {
        let session = Session(
            out: OutputWriter(fd: 1), err: OutputWriter(fd: 2, bufferSize: 4096), stdin: LineReader(fd: 0))
        let status = Dispatcher(table: .standard, session: session).run(arguments)
        session.out.flush()
        session.err.flush()
        return status.rawValue
    }
}
