#if canImport(Glibc)
    import Glibc
#endif

/// Seconds on `CLOCK_MONOTONIC`: deadlines that neither wall-clock changes nor signals can move.
enum MonotonicClock {
    /// Now, in seconds since an arbitrary fixed point.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// A `poll` timeout in whole milliseconds, rounded up so a deadline is never woken early.
    static func pollTimeout(until deadline: Double, now: Double) -> Int32 {
        let milliseconds = ((deadline - now) * 1000).rounded(.up)
        if !(milliseconds > 0) { return 0 }
        return milliseconds >= Double(Int32.max) ? Int32.max : Int32(milliseconds)
    }
}
