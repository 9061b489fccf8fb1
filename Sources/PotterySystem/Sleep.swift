#if canImport(Glibc)
    package import Glibc
#endif

/// Sleeps `duration` on the continuous clock; returns `false` as soon as `interruptCheck`
/// answers `true` (asked before sleeping and whenever a signal cuts the sleep short), `true`
/// once the time has passed. The one pause of pottery's retries and back-offs.
package func interruptibleSleep(for duration: Duration, interruptCheck: (@Sendable () -> Bool)?) -> Bool {
    if interruptCheck?() == true { return false }
    let deadline = Deadline.after(duration)
    while let left = deadline.timeLeft, left > .zero {
        let (seconds, attoseconds) = left.components
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        if nanosleep(&request, nil) != 0 && errno == EINTR && interruptCheck?() == true { return false }
    }
    return true
}

/// Random waits and tokens.
package enum Backoff {
    /// A uniformly random pause in [0, `ceiling`]: writers that collide fall out of step.
    package static func randomPause(upTo ceiling: Duration) -> Duration {
        guard ceiling > .zero else { return .zero }
        let nanoseconds =
            ceiling.components.seconds * 1_000_000_000
            + ceiling.components.attoseconds / 1_000_000_000
        return .nanoseconds(Int64.random(in: 0...max(nanoseconds, 0)))
    }

    /// A random UUID4 in its text form (`str(uuid.uuid4())` in Python): 36 lowercase characters.
    package static func uuid4() -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        var random = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = random.next() }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if [4, 6, 8, 10].contains(index) { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// The absolute `CLOCK_MONOTONIC` time `seconds` from now, for `pthread_cond_timedwait` on a
/// condition variable set to that clock (`pthread_condattr_setclock`): the one wait that needs
/// a clock's absolute reading rather than a ``Deadline``.
package func monotonicTimespec(after seconds: Double) -> timespec {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    let step = Duration.seconds(clamping: seconds).components
    var result = timespec(
        tv_sec: now.tv_sec + Int(step.seconds), tv_nsec: now.tv_nsec + Int(step.attoseconds / 1_000_000_000))
    if result.tv_nsec >= 1_000_000_000 {
        result.tv_sec += 1
        result.tv_nsec -= 1_000_000_000
    }
    return result
}
