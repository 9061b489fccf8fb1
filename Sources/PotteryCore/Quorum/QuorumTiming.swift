internal import PotterySystem

/// Random retry delays and sleeps that a signal cuts short, in the seconds the quorum primitives
/// count in: PotterySystem's clock, pause and UUID4.
enum QuorumTiming {
    /// A random UUID4 in its text form (`str(uuid.uuid4())` in Python).
    static func uuid4() -> String { Backoff.uuid4() }

    /// A uniformly random number of seconds in [0, `upTo`].
    static func delay(upTo seconds: Double) -> Double {
        Backoff.randomPause(upTo: .seconds(clamping: seconds)).seconds
    }

    /// Sleeps `seconds`; `false` when `interrupted` answered true (before or after a signal).
    static func sleep(_ seconds: Double, interrupted: (@Sendable () -> Bool)?) -> Bool {
        interruptibleSleep(for: .seconds(clamping: seconds), interruptCheck: interrupted)
    }

    /// Seconds on the monotonic clock.
    static func now() -> Double { MonotonicClock.now() }
}
