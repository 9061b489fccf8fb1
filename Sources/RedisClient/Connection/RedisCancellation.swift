import Glibc

/// Cancels, from any thread, the waits of the connections whose options carry it
/// (``RedisConnectionOptions/cancellation``): a wait for a reply, for the socket to take more
/// bytes or for a connection to open ends at once with kind `.interrupted`, and the connection is
/// unusable, as after any interruption. A blocking command (`BLPOP key 0`, `XREAD BLOCK 0`) is
/// cancelled this way; the server may still run what it was sent.
///
/// Made for ``RedisConnectionPool``, which cancels the blocking work of a cancelled task. A pipe
/// whose read end every wait polls beside the socket: `cancel()` makes it readable.
public final class RedisCancellation: Sendable {
    /// The read end, polled by waits; the write end, written by ``cancel()``.
    let readDescriptor: Int32
    private let writeDescriptor: Int32

    /// A cancellation not raised yet. Fails only when the process is out of descriptors.
    public init() throws(RedisError) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            throw RedisError(
                kind: .connectionLost, message: "no pipe for a cancellation: \(Socket.errorText(errno))",
                server: "")
        }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        readDescriptor = ends[0]
        writeDescriptor = ends[1]
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    /// Ends every current and later wait of the connections that use it, until ``reset()``.
    public func cancel() {
        var byte: UInt8 = 1
        // A full pipe is a raised cancellation already.
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Lowers it again, so that new waits run their course.
    public func reset() {
        var bytes = [UInt8](repeating: 0, count: 64)
        while read(readDescriptor, &bytes, bytes.count) > 0 {}
    }

    /// Whether it is raised.
    public var isCancelled: Bool {
        var entry = pollfd(fd: readDescriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) > 0
    }
}
