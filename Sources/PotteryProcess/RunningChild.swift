#if canImport(Glibc)
    import Glibc
#endif
package import CPotterySpawn

/// A started child: its pid (which is also its process group id), the pipes pottery still holds,
/// and the guardian of its group. Wait for it exactly once with
/// ``wait(tick:killAfter:onTick:)``; that reaps it, takes the terminal back, dismisses the guardian
/// and closes everything.
package final class RunningChild {
    /// Bytes still to be written to the child's standard input.
    package struct Feed {
        var fd: Int32
        var bytes: ArraySlice<UInt8>
    }

    /// The read end of the child's standard output and where its chunks go; `deliver` answers
    /// whether to keep reading (`false` closes the read end).
    package struct Capture {
        var fd: Int32
        var deliver: (ArraySlice<UInt8>) -> Bool
    }

    /// The child's pid, and the id of the process group it leads.
    package let pid: pid_t
    package var feed: Feed?
    package var capture: Capture?
    /// SIGINT/SIGTERM/SIGHUP/SIGTSTP are forwarded to the group, and pottery follows the child's
    /// stops (see ``ChildProcess/forwardsSignals``).
    package let forwardsSignals: Bool
    /// The wait goes on after the child exits until its process group is empty (`lock run`).
    package let waitsForGroup: Bool
    package let terminal: TerminalHandoff?
    /// Kills the group if pottery dies; `nil` when it could not be started (see ``GroupGuardian``).
    package var guardian: GroupGuardian?
    /// A pidfd that polls readable when the child exits; -1 without pidfd support (Linux < 5.3 or
    /// glibc < 2.36), where waiting polls `waitid` every ``fallbackInterval`` instead.
    package let exitDescriptor: Int32
    /// Set once reaped.
    package private(set) var exit: ChildExit?

    /// How often exit is checked when there is no pidfd.
    package static let fallbackInterval = 0.02
    /// How often an empty process group is looked for once the child has exited.
    package static let groupInterval = 0.025

    package init(
        pid: pid_t, feed: Feed?, capture: Capture?, forwardsSignals: Bool, waitsForGroup: Bool = false,
        terminal: TerminalHandoff?, guardian: GroupGuardian? = nil, usesPidfd: Bool = true
    ) {
        self.pid = pid
        self.feed = feed
        self.capture = capture
        self.forwardsSignals = forwardsSignals
        self.waitsForGroup = waitsForGroup
        self.terminal = terminal
        self.guardian = guardian
        self.exitDescriptor = usesPidfd ? GlibcExtensions.pidfdOpen?(pid, 0) ?? -1 : -1
    }

    deinit {
        if exit == nil {
            // Never waited for: do not leave a zombie or a runaway behind.
            kill(-pid, SIGKILL)
            if forwardsSignals { SignalForwarding.end() }
            terminal?.takeBack(from: pid)
            finish(ending: reapLeader())
        }
    }

    /// Sends `signal` to the child's whole process group (it and anything it started that stayed in
    /// the group).
    package func signalGroup(_ signal: Int32) {
        if exit == nil { kill(-pid, signal) }
    }

    /// Whether anything but zombies is left of the child's process group. Only once the child is
    /// reaped (its zombie counts as a member until then). A member whose parent died was reparented
    /// to pottery (a subreaper while it waits for a group, see ``ChildProcess/waitsForGroup``), so
    /// its zombie is reaped here: an init that is slow to reap, or none at all in a container,
    /// cannot hold the wait.
    package func groupIsAlive() -> Bool {
        var status: Int32 = 0
        while waitpid(-pid, &status, WNOHANG) > 0 {}
        return kill(-pid, 0) == 0 || errno == EPERM
    }

    /// Whether the child has exited, without reaping it (its pid, hence its group id, stays
    /// reserved until ``reapLeader()``).
    package func hasExited() -> Bool {
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

    /// Reaps the child (not its group) and returns how it ended.
    package func reapLeader() -> ChildExit.Ending {
        var raw: Int32 = 0
        while true {
            let result = waitpid(pid, &raw, 0)
            if result == pid { return ChildExit.ending(fromWaitStatus: raw) }
            if result < 0 && errno != EINTR { return .exited(code: 127) }
        }
    }

    /// Closes every descriptor, dismisses the guardian, records and returns how the child ended.
    @discardableResult
    package func finish(
        ending: ChildExit.Ending, stop: ChildExit.Stop? = nil, forwardedSignal: Int32? = nil,
        inputError: Int32? = nil
    ) -> ChildExit {
        if let exit { return exit }
        if exitDescriptor >= 0 { close(exitDescriptor) }
        if let feed { close(feed.fd) }
        if let capture { close(capture.fd) }
        feed = nil
        capture = nil
        guardian?.dismiss()
        guardian = nil
        if waitsForGroup { _ = pottery_set_subreaper(0) }
        let exit = ChildExit(
            ending: ending, stop: stop, forwardedSignal: forwardedSignal, inputError: inputError)
        self.exit = exit
        return exit
    }
}
