#if canImport(Glibc)
    package import Glibc
#endif

/// One `poll(2)` over several descriptors until a deadline, with the handling every multi-socket
/// wait shares: `interruptCheck` asked before each poll, `EINTR` retried unless it says to stop.
package enum PollSet {
    package enum Outcome: Equatable {
        /// Some entries have `revents`.
        case ready
        case timedOut
        case interrupted
        /// `poll` failed with this errno.
        case failed(Int32)
    }

    /// Waits on `entries` (their `revents` filled in) until one is ready or `deadline` passes.
    /// `wake` (a descriptor another thread makes readable, or -1) is polled too: readable, it ends
    /// the wait as interrupted.
    package static func wait(
        _ entries: inout [pollfd], until deadline: Deadline, interruptCheck: (@Sendable () -> Bool)?,
        wake: Int32 = -1
    ) -> Outcome {
        if wake >= 0 { entries.append(pollfd(fd: wake, events: Int16(POLLIN), revents: 0)) }
        defer { if wake >= 0 { entries.removeLast() } }
        while true {
            if interruptCheck?() == true { return .interrupted }
            let ready = poll(&entries, nfds_t(entries.count), deadline.pollTimeout)
            if ready > 0 && wake >= 0 && entries[entries.count - 1].revents != 0 { return .interrupted }
            if ready > 0 { return .ready }
            if ready == 0 { return .timedOut }
            let error = errno
            if error != EINTR { return .failed(error) }
        }
    }
}
