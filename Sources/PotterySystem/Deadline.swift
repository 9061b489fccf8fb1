#if canImport(Glibc)
    import Glibc
#endif

/// A point on the continuous clock, or never: the one deadline of every wait in pottery (a
/// reply, a connect, a lock's wait, a child's grace period). Converts to `poll(2)` timeouts.
package struct Deadline: Sendable {
    /// `nil` waits forever.
    package let instant: ContinuousClock.Instant?

    package init(instant: ContinuousClock.Instant?) { self.instant = instant }

    package static let never = Deadline(instant: nil)

    /// `duration` from now; `nil` (or a negative duration) is never.
    package static func after(_ duration: Duration?) -> Deadline {
        guard let duration, duration >= .zero else { return .never }
        // Clamped to ~30 years, clear of the clock's overflow.
        return Deadline(instant: .now + min(duration, .seconds(1_000_000_000)))
    }

    /// `seconds` from now; `nil` (or a negative or infinite value) is never.
    package static func after(seconds: Double?) -> Deadline {
        guard let seconds, seconds >= 0, seconds.isFinite else { return .never }
        return after(.seconds(min(seconds, 1e9)))
    }

    /// Time left (zero once passed); `nil` for never.
    package var timeLeft: Duration? {
        guard let instant else { return nil }
        return max(ContinuousClock.now.duration(to: instant), .zero)
    }

    /// Seconds left (0 once passed); `nil` for never.
    package var secondsLeft: Double? { timeLeft.map(\.seconds) }

    package var hasPassed: Bool {
        guard let instant else { return false }
        return ContinuousClock.now >= instant
    }

    /// Milliseconds to pass to `poll(2)`: rounded up (a deadline is never woken early), `-1` for
    /// never, `0` once passed.
    package var pollTimeout: Int32 {
        guard let left = timeLeft else { return -1 }
        return left.pollMilliseconds
    }
}

extension Duration {
    /// As seconds.
    package var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }

    /// Whole milliseconds, rounded up, for `poll(2)` (0 for none or less).
    package var pollMilliseconds: Int32 {
        let (whole, attoseconds) = components
        guard whole > 0 || attoseconds > 0 else { return 0 }
        let (milliseconds, overflow) = whole.multipliedReportingOverflow(by: 1000)
        if overflow { return Int32.max }
        let extra = (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds + extra)
    }

    /// `seconds` as a duration (negative or not finite: zero).
    package static func seconds(clamping seconds: Double) -> Duration {
        guard seconds > 0, seconds.isFinite else { return .zero }
        return .seconds(min(seconds, 1e9))
    }
}

/// `5 s`, `0.25 s`: a timeout as people write it.
package func formatSeconds(_ seconds: Double?) -> String {
    guard let seconds else { return "forever" }
    if seconds == seconds.rounded(), abs(seconds) < 1e15 { return "\(Int(seconds)) s" }
    return "\(seconds) s"
}
