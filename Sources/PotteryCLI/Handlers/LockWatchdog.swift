import PotteryCore

/// Keeps `lock run`'s lease alive: every third of the ttl it extends the lease on the quorum, until
/// an extension fails or `maxExtensions` are used up; then it asks for the child to be stopped
/// before the lease can run out.
struct LockWatchdog {
    let lock: Redlock
    let maxExtensions: Int?
    private(set) var extensions = 0
    /// When the current lease stops being valid (monotonic seconds, drift taken off).
    private var validUntil: Double
    private(set) var lossReason = "the lease was lost"

    init(lock: Redlock, maxExtensions: Int?, started: Double) {
        self.lock = lock
        self.maxExtensions = maxExtensions
        self.validUntil = started + Self.validity(lock)
    }

    /// A third of the lease, in seconds.
    var period: Double { Double(lock.autoReleaseMilliseconds) / 3000 }

    static func validity(_ lock: Redlock) -> Double {
        let ttl = Double(lock.autoReleaseMilliseconds) / 1000
        return ttl - ttl * 0.01 - 0.002
    }

    mutating func tick() -> TickDecision {
        let now = MonotonicClock.now()
        if let maxExtensions, extensions >= maxExtensions {
            // No more renewals: stop the child before the lease can lapse under it.
            guard now + period >= validUntil else { return .keepRunning }
            lossReason =
                "the lease ran out after \(extensions) extension\(extensions == 1 ? "" : "s") (--max-extensions)"
            return .terminate
        }
        let renewal: LeaseRenewal
        do {
            renewal = try lock.renew()
        } catch {
            renewal = .undecided
            lossReason = "the lease was lost (\(error.redisError?.message ?? error.message))"
        }
        switch renewal {
        case .extended:
            extensions += 1
            validUntil = now + Self.validity(lock)
            return .keepRunning
        case .lost:
            lossReason = "the lease was lost (the lock is no longer held by its token on a quorum of masters)"
            return .terminate
        case .undecided:
            // Too few masters answered: try again at the next tick while the lease surely lasts.
            if lossReason.hasPrefix("the lease was lost (") == false {
                lossReason = "the lease was lost (too few masters answered the extensions)"
            }
            guard MonotonicClock.now() + period >= validUntil else { return .keepRunning }
        }
        return .terminate
    }
}
