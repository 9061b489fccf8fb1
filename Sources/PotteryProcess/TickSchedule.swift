/// When `onTick` is due: every `period` seconds from the start, on the monotonic clock. A tick that
/// comes late (a slow `onTick`, a loaded machine) is not repeated to catch up: the next one is the
/// next period boundary still ahead, so lease extensions never bunch up.
package struct TickSchedule {
    /// Seconds between ticks (at least 1 ms).
    package let period: Double
    /// The next due time, or `nil` when there is no ticking (none asked for, or stopped).
    package private(set) var next: Double?

    package init(period: Double?, start: Double) {
        self.period = max(period ?? 0, 0.001)
        self.next = period.map { start + max($0, 0.001) }
    }

    /// Whether a tick is due at `now`.
    package func isDue(at now: Double) -> Bool {
        next.map { now >= $0 } ?? false
    }

    /// Moves to the first period boundary after `now`.
    package mutating func advance(past now: Double) {
        guard var due = next else { return }
        repeat { due += period } while due <= now
        next = due
    }

    /// No more ticks.
    package mutating func stop() {
        next = nil
    }
}
