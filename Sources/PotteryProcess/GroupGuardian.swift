package import CPotterySpawn

/// A tiny process that kills the child's process group when pottery dies without saying goodbye
/// (`kill -9`, a crash): the kernel's death signal (`PR_SET_PDEATHSIG`, set in the child) reaches
/// only the child itself, not what it started in the background. The guardian blocks every signal,
/// sits in a process group of its own (so `kill -9 -PGID` of pottery's job does not take it too),
/// holds no descriptor but the read end of a pipe whose write end only pottery holds, and reads:
/// end of file without a byte first means pottery is gone, and the group gets SIGKILL. It shares
/// pottery's memory (see `pottery_guard`), so it costs a clone, not a fork.
///
/// What escapes: a process that leaves the group (`setsid`, `setpgid`) is neither waited for nor
/// killed.
package struct GroupGuardian {
    private var guardian: pottery_guardian

    /// A guardian for `group`, or `nil` when the system refuses one (no process, no pipe): the
    /// child's own death signal still covers the child.
    package static func start(for group: pid_t) -> GroupGuardian? {
        var guardian = pottery_guardian()
        guard pottery_guard(group, &guardian) == 0 else { return nil }
        return GroupGuardian(guardian: guardian)
    }

    /// Tells the guardian that pottery is done with the group (it exits without killing anything),
    /// reaps it and frees its stack.
    package mutating func dismiss() {
        pottery_guard_dismiss(&guardian)
    }
}
