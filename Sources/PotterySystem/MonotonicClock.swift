/// Seconds on the continuous clock since the process first asked: for code that measures and
/// schedules in seconds (a lock's validity, `--time`, a child's ticks). The same clock as
/// ``Deadline``; neither wall-clock changes nor signals move it.
package enum MonotonicClock {
    private static let origin = ContinuousClock.now

    /// Now, in seconds since a fixed point.
    package static func now() -> Double { origin.duration(to: .now).seconds }

    /// A `poll` timeout in whole milliseconds until `deadline` (seconds on this clock), rounded
    /// up so a deadline is never woken early.
    package static func pollTimeout(until deadline: Double, now: Double) -> Int32 {
        Duration.seconds(clamping: deadline - now).pollMilliseconds
    }
}
