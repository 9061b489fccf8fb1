#if canImport(Glibc)
    import Glibc
#endif

/// The child runs in its own process group, so the terminal's foreground group would no longer
/// contain it, and a child that reads the terminal would be stopped by SIGTTIN. So, as shells do:
/// when our standard input is a terminal and pottery is in its foreground group, the child's group
/// becomes the foreground group for as long as it runs (then Ctrl-C and Ctrl-\ reach the child
/// straight from the terminal, and pottery, now in the background, simply waits), and pottery takes
/// the terminal back afterwards (with SIGTTOU blocked in this thread, so asking does not stop us).
///
/// Otherwise (not a terminal, a background job, cron, tests) nothing changes; signals sent to
/// pottery are forwarded by ``SignalForwarding``. Job control of the child (Ctrl-Z) is not
/// supported: a stopped child stays stopped until someone sends it SIGCONT.
struct TerminalHandoff {
    /// The terminal descriptor whose foreground group is handed over.
    let terminal: Int32

    /// A handoff when fd 0 is a terminal whose foreground group is ours; `nil` otherwise.
    static func ifForeground() -> TerminalHandoff? {
        guard isatty(0) == 1, tcgetpgrp(0) == getpgrp() else { return nil }
        return TerminalHandoff(terminal: 0)
    }

    /// Adds the handoff to the spawn's file actions (the child takes the terminal before it
    /// executes, so it can never read it too early). Must come before any action that replaces fd
    /// `terminal`. Returns `false` when this glibc cannot; call ``giveAfterSpawn(to:)`` then.
    func addToSpawn(_ actions: inout posix_spawn_file_actions_t) -> Bool {
        guard let add = GlibcExtensions.addTerminalForeground else { return false }
        return add(&actions, terminal) == 0
    }

    /// Fallback for an older glibc: hand the terminal over from pottery's side, then wake the group
    /// in case the child was already stopped for reading too early.
    func giveAfterSpawn(to group: pid_t) {
        withTerminalStopsBlocked { _ = tcsetpgrp(terminal, group) }
        kill(-group, SIGCONT)
    }

    /// Makes pottery's own group the foreground group again.
    func takeBack() {
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
