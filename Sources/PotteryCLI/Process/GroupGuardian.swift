#if canImport(Glibc)
    import Glibc
#endif
import CPotterySpawn

/// A tiny process that kills the child's process group when pottery dies without saying goodbye
/// (`kill -9`, a crash): the kernel's death signal (`PR_SET_PDEATHSIG`, set in the child) reaches
/// only the child itself, not what it started in the background. The guardian blocks every signal,
/// sits in a process group of its own (so `kill -9 -PGID` of pottery's job does not take it too),
/// holds no descriptor but the read end of a pipe whose write end only pottery holds, and reads:
/// end of file without a byte first means pottery is gone, and the group gets SIGKILL.
///
/// What escapes: a process that leaves the group (`setsid`, `setpgid`) is neither waited for nor
/// killed.
struct GroupGuardian {
    let pid: pid_t
    let writeEnd: Int32

    /// A guardian for `group`, or `nil` when the system refuses one (no process, no pipe): the
    /// child's own death signal still covers the child.
    static func start(for group: pid_t) -> GroupGuardian? {
        var pid: pid_t = 0
        var writeEnd: Int32 = -1
        guard pottery_guard(group, &pid, &writeEnd) == 0 else { return nil }
        return GroupGuardian(pid: pid, writeEnd: writeEnd)
    }

    /// Tells the guardian that pottery is done with the group (it exits without killing anything)
    /// and reaps it.
    func dismiss() {
        var byte: UInt8 = 1
        _ = withUnsafeBytes(of: &byte) { FileDescriptor.writeWithoutSIGPIPE(writeEnd, $0) }
        close(writeEnd)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
}
