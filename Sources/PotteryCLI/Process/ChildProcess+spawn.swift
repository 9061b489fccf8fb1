#if canImport(Glibc)
    import Glibc
#endif

extension ChildProcess {
    /// Starts the child; wait for it with ``RunningChild/wait(tick:killAfter:onTick:)``.
    ///
    /// Throws ``ChildProcessError``: `.emptyCommand`; `.notFound` (exit 127) and `.notExecutable`
    /// (126) as shells classify them; `.cannotStart`; `.interrupted` when SIGINT/SIGTERM/SIGHUP is
    /// already pending (the command is then not started at all).
    func spawn() throws(ChildProcessError) -> RunningChild {
        guard !arguments.isEmpty else { throw ChildProcessError(.emptyCommand, command: "") }
        if forwardsSignals {
            Interrupts.install()
            if let signal = Interrupts.pending {
                throw ChildProcessError(.interrupted(signal: signal), command: commandName)
            }
        }

        var input: Pipe?
        var output: Pipe?
        func closeAll() {
            for fd in [input?.readEnd, input?.writeEnd, output?.readEnd, output?.writeEnd] {
                if let fd { close(fd) }
            }
        }
        do {
            if case .bytes = standardInput { input = try Pipe.make().get() }
            if standardOutput.deliverer != nil { output = try Pipe.make().get() }
        } catch {
            closeAll()
            throw ChildProcessError(.cannotStart, command: commandName, errno: error)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let handoff = handsOverTerminal ? TerminalHandoff.ifForeground() : nil
        let handedInSpawn = handoff?.addToSpawn(&actions) ?? false
        if let input { posix_spawn_file_actions_adddup2(&actions, input.readEnd, 0) }
        if let output { posix_spawn_file_actions_adddup2(&actions, output.writeEnd, 1) }
        // Everything of ours is close-on-exec anyway; this also covers descriptors that other code
        // in the process (libraries, tests) opened without it.
        if let closeFrom = GlibcExtensions.addCloseFrom { _ = closeFrom(&actions, 3) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var toDefault = sigset_t()
        sigfillset(&toDefault)
        for signal in [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGUSR1, SIGUSR2]
        where Interrupts.wasIgnoredAtStart(signal) {
            sigdelset(&toDefault, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &toDefault)

        let argv = CStringArray(arguments)
        let envp = CStringArray(ChildEnvironment.merged(with: environment))
        var pid: pid_t = 0
        let result = argv.pointers.withUnsafeBufferPointer { argvBuffer in
            envp.pointers.withUnsafeBufferPointer { envpBuffer in
                posix_spawnp(
                    &pid, argvBuffer[0]!, &actions, &attributes,
                    UnsafeMutablePointer(mutating: argvBuffer.baseAddress!),
                    UnsafeMutablePointer(mutating: envpBuffer.baseAddress!))
            }
        }
        if let input { close(input.readEnd) }
        if let output { close(output.writeEnd) }
        guard result == 0 else {
            if let input { close(input.writeEnd) }
            if let output { close(output.readEnd) }
            throw ChildProcessError.spawnFailure(result, command: commandName)
        }

        if forwardsSignals { SignalForwarding.begin(group: pid) }
        if let handoff, !handedInSpawn { handoff.giveAfterSpawn(to: pid) }
        var feed: RunningChild.Feed?
        if let input, case .bytes(let bytes) = standardInput {
            FileDescriptor.setNonBlocking(input.writeEnd)
            feed = RunningChild.Feed(fd: input.writeEnd, bytes: bytes[...])
        }
        var capture: RunningChild.Capture?
        if let output, let deliver = standardOutput.deliverer {
            FileDescriptor.setNonBlocking(output.readEnd)
            capture = RunningChild.Capture(fd: output.readEnd, deliver: deliver)
        }
        return RunningChild(
            pid: pid, feed: feed, capture: capture, forwardsSignals: forwardsSignals,
            terminal: handoff, usesPidfd: usesPidfd)
    }
}
