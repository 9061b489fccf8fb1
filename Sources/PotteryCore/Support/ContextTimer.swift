internal import PotterySystem

/// Measures wall time on the monotonic clock, with Python pottery's `ContextTimer` API: `start()` once,
/// `stop()` once, `elapsed()` in whole milliseconds (up to now while running, frozen once stopped),
/// each throwing as pottery raises `RuntimeError` when used out of order. As a scope, pottery's
/// `with ContextTimer() as timer:` is ``measure(_:)-2f4pz``:
///
/// ```swift
/// let timer = ContextTimer.measure { try? work() }
/// print(timer.milliseconds)             // 12.345
/// let inside = try ContextTimer.measure { timer in
///     try work()
///     print(try timer.elapsed())        // while running
/// }
/// ```
public final class ContextTimer {
    /// Misuse, as pottery's `RuntimeError`s.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// `start()` on a running timer.
        case alreadyStarted
        /// `start()` or `stop()` on a stopped timer.
        case alreadyStopped
        /// `stop()` or `elapsed()` called before `start()`.
        case notStarted

        /// pottery's message for the misuse.
        public var description: String {
            switch self {
            case .alreadyStarted: return "timer has already been started"
            case .alreadyStopped: return "timer has already been stopped"
            case .notStarted: return "timer hasn't yet been started"
            }
        }
    }

    private var started: Double?
    private var stopped: Double?

    /// A timer not yet started.
    public init() {}

    /// Starts the timer; a timer starts once.
    public func start() throws(Failure) {
        if stopped != nil { throw .alreadyStopped }
        if started != nil { throw .alreadyStarted }
        started = MonotonicClock.now()
    }

    /// Stops the timer; only a running timer stops, once.
    public func stop() throws(Failure) {
        if stopped != nil { throw .alreadyStopped }
        guard started != nil else { throw .notStarted }
        stopped = MonotonicClock.now()
    }

    /// Whole milliseconds from `start()` to `stop()`, or to now while running, rounded as pottery does.
    public func elapsed() throws(Failure) -> Int {
        guard started != nil else { throw .notStarted }
        return Int(milliseconds.rounded())
    }

    /// Milliseconds with a fraction (`--time` prints three decimals); 0 before `start()`.
    public var milliseconds: Double {
        guard let started else { return 0 }
        return ((stopped ?? MonotonicClock.now()) - started) * 1000
    }

    /// Whether the timer was started and not yet stopped.
    public var isRunning: Bool { started != nil && stopped == nil }

    /// Runs `body` on a started timer and returns it stopped, also when `body` throws.
    @discardableResult
    public static func measure<E: Error>(_ body: () throws(E) -> Void) throws(E) -> ContextTimer {
        try measure { (_: ContextTimer) throws(E) in try body() }
    }

    /// Runs `body` with the running timer (to read `elapsed()` inside) and returns it stopped.
    @discardableResult
    public static func measure<E: Error>(_ body: (ContextTimer) throws(E) -> Void) throws(E) -> ContextTimer {
        let timer = ContextTimer()
        timer.started = MonotonicClock.now()
        defer { timer.stopped = MonotonicClock.now() }
        try body(timer)
        return timer
    }
}
