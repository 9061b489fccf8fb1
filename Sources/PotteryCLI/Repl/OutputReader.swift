import PotteryProcess

#if canImport(Glibc)
    import Glibc
#endif

/// A child process that reads one REPL command's output on its standard input: the pager, or the
/// `sh -c PIPELINE` of a line `COMMAND | PIPELINE`. It shares the terminal and the process group
/// (Ctrl-C reaches it as it reaches the command), with an empty signal mask and default
/// dispositions; it is looked up in `PATH` and started without a shell of ours.
struct OutputReader {
    let pid: pid_t
    /// The write end of its standard input.
    let input: Int32

    /// Starts `command`; nil when it cannot be started (`errno` says why).
    static func start(_ command: [String]) -> OutputReader? {
        guard !command.isEmpty, case .success(let pipe) = Pipe.make() else { return nil }
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
            errno = result
            return nil
        }
        return OutputReader(pid: pid, input: pipe.writeEnd)
    }

    /// Gives it the end of its input and waits for it to exit.
    func finish() {
        close(input)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
}
