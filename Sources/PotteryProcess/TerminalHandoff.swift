#if canImport(Glibc)
    import Glibc
#endif
package import CPotterySpawn

/// The child runs in its own process group, so the terminal's foreground group would no longer
/// contain it, and a child that reads the terminal would be stopped by SIGTTIN. So, as shells do:
/// when our standard input is a terminal and pottery is in its foreground group, the child's group
/// becomes the foreground group for as long as it runs (then Ctrl-C, Ctrl-\ and Ctrl-Z reach the
/// child straight from the terminal, and pottery, now in the background, simply waits), and pottery
/// takes the terminal back afterwards (with SIGTTOU blocked in this thread, so asking does not stop
/// us).
///
/// Otherwise (not a terminal, a background job, cron, tests) nothing changes; signals sent to
/// pottery are forwarded by ``SignalForwarding``. Each move checks who has the terminal first, so a
/// pottery that was sent to the background (Ctrl-Z, then `bg`) never takes the terminal from the
/// shell.
package struct TerminalHandoff {
    /// The terminal descriptor whose foreground group is handed over.
    package let terminal: Int32

    /// A handoff when fd 0 is a terminal; `nil` otherwise.
    package static func ifTerminal() -> TerminalHandoff? {
        isatty(0) == 1 ? TerminalHandoff(terminal: 0) : nil
    }

    /// Whether pottery's group is the terminal's foreground group now.
    package var isForeground: Bool { tcgetpgrp(terminal) == getpgrp() }

    /// Makes `group` the foreground group, if pottery's group is it now.
    package func give(to group: pid_t) {
        guard isForeground else { return }
        withTerminalStopsBlocked { _ = tcsetpgrp(terminal, group) }
    }

    /// Makes pottery's own group the foreground group again, if `group` (the child's) is it now.
    package func takeBack(from group: pid_t) {
        guard tcgetpgrp(terminal) == group else { return }
        withTerminalStopsBlocked { _ = tcsetpgrp(terminal, getpgrp()) }
    }

    private func withTerminalStopsBlocked(_ body: () -> Void) {
        var stops = sigset_t()
        sigemptyset(&stops)
        sigaddset(&stops, SIGTTOU)
        sigaddset(&stops, SIGTTIN)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &stops, &previous)
        body()
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }
}
