#if canImport(Glibc)
    import Glibc
#endif
import CPotterySpawn

extension ChildProcess {
    /// Starts the child; wait for it with ``RunningChild/wait(tick:killAfter:onTick:)``. Call it from
    /// the thread that waits (the kernel's death signal follows the thread that forked).
    ///
    /// Throws ``ChildProcessError``: `.emptyCommand`; `.notFound` (exit 127) and `.notExecutable`
    /// (126) as shells classify them; `.cannotStart`; `.interrupted` when SIGINT/SIGTERM/SIGHUP is
    /// already pending (the command is then not started at all).
    package func spawn() throws(ChildProcessError) -> RunningChild {
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

        let handoff = handsOverTerminal ? TerminalHandoff.ifTerminal() : nil
        // Signals ignored when pottery started stay ignored, as shells do; every other goes back to
        // its default (pottery's handlers and the REPL's ignored SIGPIPE are not the child's).
        var toDefault = sigset_t()
        sigfillset(&toDefault)
        for signal in [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGUSR1, SIGUSR2]
        where Interrupts.wasIgnoredAtStart(signal) {
            sigdelset(&toDefault, signal)
        }
        let standardInputFD: Int32
        switch standardInput {
        case .inherit: standardInputFD = -1
        case .nothing: standardInputFD = -2
        case .bytes: standardInputFD = input?.readEnd ?? -1
        }
        // Orphans of the group come to us, so that their zombies can be reaped while we wait for it.
        if waitsForGroup { _ = pottery_set_subreaper(1) }
        let argv = CStringArray(arguments)
        let envp = CStringArray(ChildEnvironment.merged(with: environment))
        var pid: pid_t = 0
        let result = argv.pointers.withUnsafeBufferPointer { argvBuffer in
            envp.pointers.withUnsafeBufferPointer { envpBuffer in
                withUnsafePointer(to: &toDefault) { toDefault in
                    var request = pottery_spawn_request(
                        argv: argvBuffer.baseAddress, envp: envpBuffer.baseAddress, stdin_fd: standardInputFD,
                        stdout_fd: output?.writeEnd ?? -1,
                        terminal_fd: handoff?.isForeground == true ? handoff?.terminal ?? -1 : -1,
                        to_default: toDefault)
                    return pottery_spawn(&request, &pid)
                }
            }
        }
        if let input { close(input.readEnd) }
        if let output { close(output.writeEnd) }
        guard result == 0 else {
            if waitsForGroup { _ = pottery_set_subreaper(0) }
            if let input { close(input.writeEnd) }
            if let output { close(output.readEnd) }
            throw ChildProcessError.spawnFailure(result, command: commandName)
        }

        if forwardsSignals { SignalForwarding.begin(group: pid) }
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
            waitsForGroup: waitsForGroup, terminal: handoff, guardian: GroupGuardian.start(for: pid),
            usesPidfd: usesPidfd)
    }
}
