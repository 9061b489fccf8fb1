#if canImport(Glibc)
    import Glibc
#endif

/// Start-up hygiene for file descriptors 0, 1 and 2.
enum StandardStreams {
    /// Opens each closed standard descriptor on `/dev/null`. Otherwise the first file or socket
    /// pottery opens takes its number: with stdout closed, the Redis socket would become fd 1 and
    /// the values printed would go to Redis as commands. Returns the descriptors that were closed:
    /// a closed stdout is remembered, so that a verb that prints refuses to run (status 74).
    @discardableResult
    static func reopenClosed() -> Set<Int32> {
        var closed: Set<Int32> = []
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            closed.insert(fd)
            let opened = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
            if opened >= 0 && opened != fd {
                // A lower descriptor was closed too and took this one's place; keep going until both
                // are filled (the loop visits them in order, so this cannot happen) — stay defensive.
                _ = dup2(opened, fd)
                close(opened)
            }
        }
        return closed
    }
}
