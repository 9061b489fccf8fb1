import RedisClient
/// The one lease policy of pottery's ``Redlock``, driven by everything that protects work with it
/// (`lock run`, `cache run --lock`, ``synchronize(key:masters:masterCount:autoReleaseMilliseconds:blocking:timeout:_:)``):
///
/// - **Validity** is measured from when the acquisition (or extension) was SENT, not when it
///   answered: the masters may have set the key at once. It is `ttl − drift` from then, drift =
///   ttl × 1 % + 2 ms (SPEC §8.3), so the lease left is `ttl − elapsed − drift`.
/// - **Worth starting on**: a lease is taken only while more than a third of the ttl (``period``)
///   is left, so the first extension comes before it can lapse; an acquisition never waits on a
///   master past what would leave less (a silent master costs the attempt, not the lease).
/// - **Extensions** are due a ``period`` after the previous one was sent (the first a period after
///   the acquisition started); a master gets at most a third of the ttl, and never more than the
///   validity left, to answer. One that fails is tried again at the next ``tickInterval``.
/// - **Lost**: a quorum of masters said they do not hold the token (an extension or the release),
///   or the validity passed (or would before the next tick) without a successful extension, or
///   `maxExtensions` were used up and the validity is about to pass.
///
/// The owner calls ``tick(now:)`` every ``tickInterval`` while the work runs (or runs the work in
/// ``whileKept(_:)``, which ticks from a thread of its own) and ``release()`` after; ``release()``
/// says whether the lease was held to the end.
public final class LeaseKeeper {
    /// Why the lease was not held to the end.
    public enum Loss: Sendable, Equatable {
        /// A quorum of masters answered that another token or none holds the lock.
        case notHeld
        /// The validity passed without a successful extension; why the extensions failed.
        case expired(String)
        /// `maxExtensions` extensions were used up.
        case extensionsUsedUp(Int)

        /// One line for humans: "the lease was lost (...)".
        public var description: String {
            switch self {
            case .notHeld:
                return "the lease was lost (the lock is no longer held by its token on a quorum of masters)"
            case .expired(let why):
                return "the lease was lost (\(why))"
            case .extensionsUsedUp(let count):
                return "the lease ran out after \(count) extension\(count == 1 ? "" : "s") (--max-extensions)"
            }
        }
    }

    /// The lock whose lease is kept.
    public let lock: Redlock
    /// At most this many extensions (nil: no bound).
    public let maxExtensions: Int?
    /// How many extensions succeeded so far.
    public private(set) var extensions = 0
    /// When the lease stops being surely valid (``Redlock/monotonicNow()`` seconds).
    public private(set) var validUntil = -Double.infinity
    /// Set once the lease is known not to be held.
    public private(set) var loss: Loss?
    private var nextExtension = Double.infinity
    private var lastFailure: String?

    /// A keeper of `lock`'s lease, extending it at most `maxExtensions` times (nil: no bound).
    public init(lock: Redlock, maxExtensions: Int? = nil) {
        self.lock = lock
        self.maxExtensions = maxExtensions
    }

    /// A keeper's lease, handed between threads (``LeaseKeeperThread``).
    struct State: Sendable {
        var token: String?
        var fencingToken: Int?
        var acquisitionStarted: Double?
        var maxExtensions: Int?
        var extensions: Int
        var validUntil: Double
        var nextExtension: Double
        var loss: Loss?
        var lastFailure: String?
    }

    var state: State {
        State(
            token: lock.token, fencingToken: lock.fencingToken, acquisitionStarted: lock.acquisitionStarted,
            maxExtensions: maxExtensions, extensions: extensions, validUntil: validUntil,
            nextExtension: nextExtension, loss: loss, lastFailure: lastFailure)
    }

    /// A keeper of `state`'s lease over `lock` (the same lock on other connections).
    init(lock: Redlock, state: State) {
        self.lock = lock
        self.maxExtensions = state.maxExtensions
        lock.adopt(token: state.token, fencingToken: state.fencingToken, started: state.acquisitionStarted)
        adopt(state)
    }

    /// Takes over where another keeper of the same lease left it (extensions, validity, loss).
    func adopt(_ state: State) {
        extensions = state.extensions
        validUntil = state.validUntil
        nextExtension = state.nextExtension
        loss = state.loss
        lastFailure = state.lastFailure
    }

    /// Runs `body` while a thread of its own extends the lease when due, over connections of its
    /// own (the caller's thread keeps the masters' connections for `body`). Afterwards this keeper
    /// knows what the thread found: ``loss`` is set if the lease was lost meanwhile (`body` is not
    /// stopped; ``release()`` then reports it).
    public func whileKept<T>(_ body: () throws -> T) rethrows -> T {
        guard isHeld else { return try body() }
        let thread = LeaseKeeperThread(self)
        defer { adopt(thread.finish()) }
        return try body()
    }

    /// Starts extending the lease from a thread of its own, over connections of its own, until
    /// the returned thread's `finish()` (which hands its state back: adopt it). `onLoss` is told
    /// from that thread when the lease is found lost.
    func keepInBackground(onLoss: @escaping @Sendable (Loss) -> Void) -> LeaseKeeperThread {
        LeaseKeeperThread(self, onLoss: onLoss)
    }

    /// ttl × 0.01 + 2 ms, in seconds.
    public static func drift(ttl: Double) -> Double { ttl * 0.01 + 0.002 }

    /// How long a lease of `ttl` seconds is surely valid from when it was sent: ttl − drift.
    public static func validity(ttl: Double) -> Double { ttl - drift(ttl: ttl) }

    /// Seconds between extensions, and the least validity worth starting work on: a third of the ttl.
    public var period: Double { lock.ttl / 3 }

    /// How often ``tick(now:)`` wants to be called: a quarter of the period.
    public var tickInterval: Double { period / 4 }

    /// Whether the lease is held as far as is known (acquired, not lost, not released).
    public var isHeld: Bool { lock.token != nil && loss == nil }

    /// Takes the lock as `Redlock/acquire(blocking:timeout:)` does, with more than ``period``
    /// of validity left; the validity is counted from when the winning attempt started.
    public func acquire(blocking: Bool = true, timeout: Double? = nil) throws(PotteryError) -> Bool {
        guard try lock.acquire(blocking: blocking, timeout: timeout, leaving: period),
            let started = lock.acquisitionStarted
        else { return false }
        validUntil = started + Self.validity(ttl: lock.ttl)
        nextExtension = started + period
        extensions = 0
        loss = nil
        lastFailure = nil
        return true
    }

    /// Extends the lease when it is due; whether it is still held. Once it returns false the lease
    /// is lost (``loss`` says why) and the protected work must stop.
    public func tick(now: Double = Redlock.monotonicNow()) -> Bool {
        guard loss == nil else { return false }
        if now >= validUntil {
            loss = .expired(lastFailure ?? "its validity passed before an extension")
            return false
        }
        if let maxExtensions, extensions >= maxExtensions {
            // No more renewals: give up before the lease can lapse under the work.
            if now + tickInterval >= validUntil { loss = .extensionsUsedUp(extensions) }
            return loss == nil
        }
        guard now >= nextExtension else { return true }
        let renewal: LeaseRenewal
        do {
            // Sent now: its validity counts from now, and waiting past the current one is useless.
            renewal = try lock.renew(wait: validUntil - now)
        } catch {
            renewal = .undecided
            lastFailure = error.redisError?.message ?? error.message
        }
        switch renewal {
        case .extended:
            extensions += 1
            validUntil = now + Self.validity(ttl: lock.ttl)
            nextExtension = now + period
            lastFailure = nil
        case .lost:
            loss = .notHeld
        case .undecided:
            // Tried again at the next tick while the lease surely lasts until then.
            if lastFailure == nil { lastFailure = "too few masters answered the extensions" }
            if Redlock.monotonicNow() + tickInterval >= validUntil { loss = .expired(lastFailure!) }
        }
        return loss == nil
    }

    /// Releases the lock; whether the lease was held to the end. It was not when it was lost
    /// before, or when the release finds another token or none on a quorum; when too few masters
    /// answer the release, it was if its validity has not passed (the lock then expires by itself).
    public func release() -> Bool {
        let now = Redlock.monotonicNow()
        guard lock.token != nil else { return false }
        let released: Bool?
        do {
            released = try lock.release()
        } catch {
            released = nil
            lastFailure = "the release failed: " + (error.redisError?.message ?? error.message)
        }
        guard loss == nil else { return false }
        switch released {
        case true?: return true
        case false?: loss = .notHeld
        case nil: if now >= validUntil { loss = .expired(lastFailure ?? "the release failed") }
        }
        return loss == nil
    }
}
