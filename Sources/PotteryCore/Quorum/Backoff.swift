#if canImport(Glibc)
    import Glibc
#endif

/// Random tokens and waits for the quorum primitives: UUID4 lock tokens, random retry delays, and
/// sleeps that a signal cuts short.
enum Backoff {
    /// A random UUID4 in its text form (`str(uuid.uuid4())` in Python): 36 lowercase characters.
    static func uuid4() -> String {
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

    /// A uniformly random number of seconds in [0, `upTo`].
    static func delay(upTo seconds: Double) -> Double {
        guard seconds > 0, seconds.isFinite else { return 0 }
        return Double.random(in: 0...seconds)
    }

    /// Sleeps `seconds` on the monotonic clock; returns early, with `false`, when `interrupted`
    /// answers true after a signal woke the sleep.
    static func sleep(_ seconds: Double, interrupted: (@Sendable () -> Bool)?) -> Bool {
        guard seconds > 0 else { return interrupted?() != true }
        let deadline = now() + seconds
        while true {
            if interrupted?() == true { return false }
            let left = deadline - now()
            if left <= 0 { return true }
            var request = timespec(tv_sec: Int(left), tv_nsec: Int((left - Double(Int(left))) * 1e9))
            _ = nanosleep(&request, nil)
        }
    }

    /// Seconds on `CLOCK_MONOTONIC`.
    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
