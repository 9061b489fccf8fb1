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
    private var child: pid_t = 0
    private var input: Int32 = -1
    /// Where output goes once it is known not to stay held: the pager's input, or the terminal when
    /// the pager could not start.
    private var target: Int32 = -1

    private init(command: [String], rows: Int) {
        self.command = command
        self.rows = rows
    }

    /// A pager for the next command, or nil when output is not a terminal, `--no-pager` is on or
    /// `POTTERY_PAGER` is empty.
    static func make(settings: Settings, environment: Environment) -> Pager? {
        guard !settings.noPager, isatty(1) != 0 else { return nil }
        let text = environment["POTTERY_PAGER"] ?? "less -FRX"
        let command = text.split(separator: " ").map(String.init)
        guard !command.isEmpty else { return nil }
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 2 else { return nil }
        return Pager(command: command, rows: Int(size.ws_row))
    }

    /// The output writer's sink.
    func accept(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        if target >= 0 { return FileDescriptor.writeAll(target, bytes) }
        held += bytes
        lines += bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        guard lines >= rows - 1 else { return nil }
        start()
        target = input >= 0 ? input : 1
        return flushHeld(to: target)
    }

    /// After the command: what is still held goes to the terminal; a pager gets the end of its input
    /// and is waited for.
    func finish() {
        if input < 0 {
            _ = flushHeld(to: 1)
            return
        }
        close(input)
        input = -1
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
    }

    private func flushHeld(to fd: Int32) -> Int32? {
        defer { held = [] }
        return held.withUnsafeBytes { FileDescriptor.writeAll(fd, $0) }
    }

    private func start() {
        guard case .success(let pipe) = Pipe.make() else { return }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipe.readEnd, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var toDefault = sigset_t()
        sigemptyset(&toDefault)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] { sigaddset(&toDefault, signal) }
        posix_spawnattr_setsigdefault(&attributes, &toDefault)
        let argv = CStringArray(command.map { Array($0.utf8) })
        var pid: pid_t = 0
        let result = argv.pointers.withUnsafeBufferPointer { argvBuffer in
            posix_spawnp(
                &pid, argvBuffer[0]!, &actions, &attributes,
                UnsafeMutablePointer(mutating: argvBuffer.baseAddress!),
                environ)
        }
        close(pipe.readEnd)
        guard result == 0 else {
            close(pipe.writeEnd)
            return
        }
        child = pid
        input = pipe.writeEnd
    }
}
