#if canImport(Glibc)
    import Glibc
#endif

/// A started child: its pid (which is also its process group id) and the pipes pottery still
/// holds. Wait for it exactly once with ``wait(tick:killAfter:onTick:)``; that reaps it, takes the
/// terminal back and closes everything.
final class RunningChild {
    /// Bytes still to be written to the child's standard input.
    struct Feed {
        var fd: Int32
        var bytes: ArraySlice<UInt8>
    }

    /// The read end of the child's standard output and where its chunks go; `deliver` answers
    /// whether to keep reading (`false` closes the read end).
    struct Capture {
        var fd: Int32
        var deliver: (ArraySlice<UInt8>) -> Bool
    }

    /// The child's pid, and the id of the process group it leads.
    let pid: pid_t
    var feed: Feed?
    var capture: Capture?
    let forwardsSignals: Bool
    let terminal: TerminalHandoff?
    /// A pidfd that polls readable when the child exits; -1 without pidfd support (Linux < 5.3 or
    /// glibc < 2.36), where waiting polls `waitid` every ``fallbackInterval`` instead.
    let exitDescriptor: Int32
    /// Set once reaped.
    private(set) var exit: ChildExit?

    /// How often exit is checked when there is no pidfd.
    static let fallbackInterval = 0.02

    init(
        pid: pid_t, feed: Feed?, capture: Capture?, forwardsSignals: Bool, terminal: TerminalHandoff?,
        usesPidfd: Bool = true
    ) {
        self.pid = pid
        self.feed = feed
        self.capture = capture
        self.forwardsSignals = forwardsSignals
        self.terminal = terminal
        self.exitDescriptor = usesPidfd ? GlibcExtensions.pidfdOpen?(pid, 0) ?? -1 : -1
    }

    deinit {
        if exit == nil {
            // Never waited for: do not leave a zombie or a runaway behind.
            kill(-pid, SIGKILL)
            if forwardsSignals { SignalForwarding.end() }
            terminal?.takeBack()
            reap()
        }
    }

    /// Sends `signal` to the child's whole process group (it and anything it started that stayed in
    /// the group).
    func signalGroup(_ signal: Int32) {
        if exit == nil { kill(-pid, signal) }
    }

    /// Whether the child has exited, without reaping it (its pid, hence its group id, stays
    /// reserved until ``reap()``).
    func hasExited() -> Bool {
        if exitDescriptor >= 0 {
            var entry = pollfd(fd: exitDescriptor, events: Int16(POLLIN), revents: 0)
            return poll(&entry, 1, 0) > 0
        }
        var info = siginfo_t()
        while true {
            if waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 {
                return info.si_signo == SIGCHLD
            }
            if errno != EINTR { return true }  // ECHILD: someone else reaped it
        }
    }

    /// Reaps the child, closes every descriptor, records and returns how it ended.
    @discardableResult
    func reap(stop: ChildExit.Stop? = nil, forwardedSignal: Int32? = nil, inputError: Int32? = nil)
        -> ChildExit
    {
        if let exit { return exit }
        var raw: Int32 = 0
        var ending = ChildExit.Ending.exited(code: 127)
        while true {
            let result = waitpid(pid, &raw, 0)
            if result == pid {
                ending = ChildExit.ending(fromWaitStatus: raw)
                break
            }
            if result < 0 && errno != EINTR { break }
        }
        if exitDescriptor >= 0 { close(exitDescriptor) }
        if let feed { close(feed.fd) }
        if let capture { close(capture.fd) }
        feed = nil
        capture = nil
        let exit = ChildExit(
            ending: ending, stop: stop, forwardedSignal: forwardedSignal, inputError: inputError)
        self.exit = exit
        return exit
    }
}
