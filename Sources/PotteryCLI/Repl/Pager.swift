import PotteryProcess
#if canImport(Glibc)
    import Glibc
#endif

/// Pages one REPL command's output when it is longer than the terminal, as iredis does: the output is
/// held until it passes the terminal's height, then a pager (`POTTERY_PAGER`, default `less -FRX`,
/// run without a shell) is started and everything goes through its standard input. Shorter output
/// goes straight to the terminal. A pager that quits early makes the command's next write fail with
/// `EPIPE`, which ends the command silently, as `| head` would.
final class Pager {
    private let command: [String]
    private let rows: Int
    private var held: [UInt8] = []
    private var lines = 0
    private var reader: OutputReader?
    /// Where output goes once it is known not to stay held: the pager's input, or the terminal when
    /// the pager could not start.
    private var target: Int32 = -1

    private init(command: [String], rows: Int) {
        self.command = command
        self.rows = rows
    }

    /// A pager for the next command, or nil when output is not a terminal, `--no-pager` is given or
    /// `POTTERY_PAGER` is empty.
    static func make(settings: Settings, environment: Environment) -> Pager? {
        guard settings.pager, isatty(1) != 0 else { return nil }
        let text = environment["POTTERY_PAGER"] ?? "less -FRX"
        let command = text.split(separator: " ").map(String.init)
        guard !command.isEmpty else { return nil }
        guard let size = Terminal.size(of: 1), size.rows > 2 else { return nil }
        return Pager(command: command, rows: size.rows)
    }

    /// The output writer's sink.
    func accept(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        if target >= 0 { return FileDescriptor.writeAll(target, bytes) }
        held += bytes
        lines += bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        guard lines >= rows - 1 else { return nil }
        start()
        target = reader?.input ?? 1
        return flushHeld(to: target)
    }

    /// After the command: what is still held goes to the terminal; a pager gets the end of its input
    /// and is waited for.
    func finish() {
        guard let reader else {
            _ = flushHeld(to: 1)
            return
        }
        reader.finish()
        self.reader = nil
    }

    private func flushHeld(to fd: Int32) -> Int32? {
        defer { held = [] }
        return held.withUnsafeBytes { FileDescriptor.writeAll(fd, $0) }
    }

    private func start() {
        reader = OutputReader.start(command)
    }
}
