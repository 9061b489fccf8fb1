#if canImport(Glibc)
    import Glibc
#endif
import CPotterySpawn

/// A pipe between pottery and a child. Both ends are close-on-exec and numbered 3 or above, so
/// neither can leak into another child nor stand in for a closed standard stream (SPEC §10); the
/// child receives its end through an explicit `dup2`. (`pipe2` is not imported; between `pipe` and
/// `fcntl` another thread's spawn could catch the ends, which our own spawns rule out by closing
/// everything from fd 3 up in the child.)
package struct Pipe {
    package var readEnd: Int32
    package var writeEnd: Int32

    /// A new pipe, or the `errno` of the failure.
    package static func make() -> Result<Pipe, ChildProcessError.Errno> {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return .failure(.init(errno)) }
        for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        for index in ends.indices where ends[index] < 3 {
            let moved = fcntl(ends[index], F_DUPFD_CLOEXEC, 3)
            let why = errno
            close(ends[index])
            ends[index] = moved
            if moved < 0 {
                for fd in ends where fd >= 0 { close(fd) }
                return .failure(.init(why))
            }
        }
        return .success(Pipe(readEnd: ends[0], writeEnd: ends[1]))
    }
}

/// Small helpers over file descriptors that the child runner needs.
package enum FileDescriptor {
    /// Makes reads and writes on `fd` return `EAGAIN` instead of blocking. Only for descriptors
    /// pottery alone holds (a pipe end): the flag belongs to the open file, not to the number.
    package static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
    }

    /// `write(2)` that turns a closed reader into `EPIPE` instead of a `SIGPIPE` that would kill
    /// pottery: SIGPIPE is blocked in this thread for the call, and one it raised is consumed.
    /// Returns the byte count, or -1 with `errno` set.
    package static func writeWithoutSIGPIPE(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        let written = write(fd, bytes.baseAddress, bytes.count)
        let why = errno
        if written < 0 && why == EPIPE && sigismember(&previous, SIGPIPE) == 0 {
            var immediately = timespec(tv_sec: 0, tv_nsec: 0)
            while sigtimedwait(&pipeSignal, nil, &immediately) < 0 && errno == EINTR {}
        }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        errno = why
        return written
    }

    /// Writes all of `bytes` to `fd`, retrying after signals and waiting out `EAGAIN`; the `errno` of
    /// a failure, `nil` on success.
    package static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = writeWithoutSIGPIPE(fd, UnsafeRawBufferPointer(rebasing: bytes[offset...]))
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN {  // someone made the shared descriptor non-blocking
                    var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&entry, 1, -1)
                    continue
                }
                return errno
            }
            offset += written
        }
        return nil
    }
}
