import PotteryProcess
import PotterySystem

#if canImport(Glibc)
    import Glibc
#endif

/// The reader at the other end of standard output, for a consumer (`queue get --follow`) that must
/// not take more than its reader has taken: whether the reader went away, and waiting until it has
/// read everything written so far.
extension OutputWriter {
    /// Whether the reader of a pipe on this descriptor went away (the next write would fail with
    /// EPIPE): a consumer checks it before it takes anything it could no longer deliver.
    var readerIsGone: Bool {
        if failure != nil { return true }
        var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        return poll(&entry, 1, 0) > 0 && entry.revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0
    }

    /// Whether written bytes can sit unread between us and a reader: a pipe or a socket (a regular
    /// file, `/dev/null` or a terminal takes what is written at once). Never for the REPL's pager.
    var hasReader: Bool { sink == nil && ReaderQueue(fd) != nil }

    /// Waits until the reader has read everything flushed so far (nothing is left in the pipe, or
    /// in the socket's send queue), polling: up to 64 yields to a reader that keeps up, then sleeps
    /// that grow from 50 µs to 10 ms. Returns nil then, or at once when nothing can sit unread;
    /// `.brokenPipe` if the reader went away, or the status of a signal (`interrupted` is asked
    /// after every sleep, which a signal cuts short).
    func waitUntilRead(interrupted: () -> ExitStatus?) -> ExitStatus? {
        guard sink == nil, let queue = ReaderQueue(fd) else { return nil }
        var pause = 50_000
        var yields = 0
        while let unread = queue.unreadBytes(fd), unread > 0 {
            if readerIsGone { return .brokenPipe }
            if let status = interrupted() { return status }
            // A reader that keeps up reads within microseconds: let it run first, then sleep.
            if yields < 64 {
                yields += 1
                sched_yield()
                continue
            }
            _ = interruptibleSleep(for: .nanoseconds(pause), interruptCheck: nil)
            pause = min(pause * 2, 10_000_000)
        }
        return nil
    }
}

/// Where bytes written to a descriptor wait for its reader, and how to count them (Linux).
private enum ReaderQueue {
    /// A pipe: `FIONREAD` on its write end counts what the pipe holds unread.
    case pipe
    /// A socket: `SIOCOUTQ` counts what was sent and not yet taken (a unix socket: until the reader
    /// reads it; TCP: until the peer's kernel acknowledges it, so its receive buffer may still hold
    /// some).
    case socket

    init?(_ fd: Int32) {
        var status = stat()
        guard fstat(fd, &status) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFIFO: self = .pipe
        case S_IFSOCK: self = .socket
        default: return nil
        }
    }

    /// Bytes not yet read, or nil when the descriptor cannot say (then nothing is waited for).
    func unreadBytes(_ fd: Int32) -> Int? {
        var unread: Int32 = 0
        let request = self == .pipe ? UInt(FIONREAD) : UInt(TIOCOUTQ)
        guard ioctl(fd, request, &unread) == 0 else { return nil }
        return Int(unread)
    }
}
