import Glibc

/// A point on the monotonic clock, or never; converts to `poll(2)` timeouts.
struct Deadline {
    /// Nanoseconds on `CLOCK_MONOTONIC`; `nil` waits forever.
    let nanoseconds: UInt64?

    static let never = Deadline(nanoseconds: nil)

    /// `seconds` from now; `nil` (or a negative value) is never.
    static func after(seconds: Double?) -> Deadline {
        guard let seconds, seconds >= 0, seconds.isFinite else { return .never }
        let (sum, overflow) = now().addingReportingOverflow(UInt64(min(seconds, 1e9) * 1e9))
        return Deadline(nanoseconds: overflow ? nil : sum)
    }

    static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }

    /// Milliseconds to pass to `poll(2)`: rounded up, `-1` for never, `0` once passed.
    var pollTimeout: Int32 {
        guard let nanoseconds else { return -1 }
        let current = Self.now()
        guard nanoseconds > current else { return 0 }
        let milliseconds = (nanoseconds - current + 999_999) / 1_000_000
        return Int32(clamping: milliseconds)
    }

    var hasPassed: Bool {
        guard let nanoseconds else { return false }
        return Self.now() >= nanoseconds
    }

    /// Seconds until the deadline (0 once passed); `nil` for never.
    var secondsLeft: Double? {
        guard let nanoseconds else { return nil }
        let now = Self.now()
        return nanoseconds > now ? Double(nanoseconds - now) / 1e9 : 0
    }
}

/// Sleeps `microseconds`; `false` when a signal cut the sleep short and `interruptCheck` said
/// to give up (the caller then reports `.interrupted`), `true` once the time has passed.
func interruptibleSleep(microseconds: Int, interruptCheck: (@Sendable () -> Bool)?) -> Bool {
    var pause = timespec(tv_sec: microseconds / 1_000_000, tv_nsec: (microseconds % 1_000_000) * 1000)
    var left = timespec()
    while nanosleep(&pause, &left) != 0 && errno == EINTR {
        if interruptCheck?() == true { return false }
        pause = left
    }
    return true
}

/// `5 s`, `0.25 s`: a timeout as people write it.
func formatSeconds(_ seconds: Double?) -> String {
    guard let seconds else { return "forever" }
    if seconds == seconds.rounded(), abs(seconds) < 1e15 { return "\(Int(seconds)) s" }
    return "\(seconds) s"
}
