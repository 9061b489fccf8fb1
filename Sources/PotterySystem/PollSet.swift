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
    package static func wait(
        _ entries: inout [pollfd], until deadline: Deadline, interruptCheck: (@Sendable () -> Bool)?
    ) -> Outcome {
        while true {
            if interruptCheck?() == true { return .interrupted }
            let ready = poll(&entries, nfds_t(entries.count), deadline.pollTimeout)
            if ready > 0 { return .ready }
            if ready == 0 { return .timedOut }
            let error = errno
            if error != EINTR { return .failed(error) }
        }
    }
}
