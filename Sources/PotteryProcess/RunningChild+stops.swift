#if canImport(Glibc)
    import Glibc
#endif
import CPotterySpawn

extension RunningChild {
    /// The signal that stopped the child since the last look (SIGTSTP on Ctrl-Z, SIGTTIN, SIGTTOU,
    /// SIGSTOP), or `nil`. Each stop is reported once.
    package func stopSignal() -> Int32? {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WSTOPPED | WNOHANG) != 0 {
            if errno != EINTR { return nil }
        }
        guard info.si_signo == SIGCHLD, info.si_code == CLD_STOPPED else { return nil }
        return info._sifields._sigchld.si_status
    }

    /// Job control, as a shell job behaves: the child stopped (Ctrl-Z reached its group, or it read
    /// the terminal from the background), so pottery takes the terminal back if the child had it and
    /// stops itself with the same signal, and its parent shell regains control ("Stopped"). No
    /// lease is extended while pottery is stopped. Returns once pottery is continued (`fg`, `bg`,
    /// `kill -CONT`); the caller then looks at the lease, gives the terminal to the child again if
    /// pottery is in the foreground, and continues the child's group.
    ///
    /// Where nobody could continue pottery (a process group without a job-control parent: the
    /// kernel discards SIGTSTP, SIGTTIN and SIGTTOU there), this returns at once and the child is
    /// continued: Ctrl-Z then does nothing, rather than leave the child stopped forever. The REPL
    /// behaves the same way: the whole pottery process stops, and `fg` brings back the command and
    /// then the prompt.
    package func followStop(_ signal: Int32) {
        terminal?.takeBack(from: pid)
        pottery_stop_self(signal)
    }
}
