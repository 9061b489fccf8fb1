#if canImport(Glibc)
    import Glibc
#endif

/// Measures wall time on the monotonic clock, like Python pottery's `ContextTimer`: `start()`, `stop()`,
/// and `elapsed` in milliseconds (while running, up to now).
public final class ContextTimer {
    private var started: Double?
    private var stopped: Double?

    public init() {}

    public func start() {
        started = Self.now()
        stopped = nil
    }

    public func stop() {
        if started != nil { stopped = Self.now() }
    }

    /// Milliseconds between `start()` and `stop()` (or now, if not stopped); 0 if never started.
    public var elapsed: Double {
        guard let started else { return 0 }
        return ((stopped ?? Self.now()) - started) * 1000
    }

    /// Runs `body` between `start()` and `stop()`.
    public func time<T>(_ body: () throws -> T) rethrows -> T {
        start()
        defer { stop() }
        return try body()
    }

    private static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
