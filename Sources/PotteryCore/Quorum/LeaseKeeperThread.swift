internal import PotterySystem
#if canImport(Glibc)
    import Glibc
#endif
import RedisClient

/// Extends a ``LeaseKeeper``'s lease from a thread of its own while the caller's thread runs the
/// protected work (``LeaseKeeper/whileKept(_:)``). A connection serves one thread at a time, so the
/// thread opens connections of its own to the same masters, and the keeper's state goes to it at
/// the start and comes back when ``finish()`` has joined it.
///
/// `@unchecked Sendable`: `state` and `stopping` are read and written under `mutex` (the thread
/// holds it except while it ticks, and `finish()` reads `state` only after joining the thread);
/// the rest is immutable after `init`.
final class LeaseKeeperThread: @unchecked Sendable {
    /// What the thread's keeper starts from, and, after ``finish()``, where it ended.
    private var state: LeaseKeeper.State
    private let masters: [(url: RedisURL, options: RedisConnectionOptions)]
    private let make: @Sendable ([RedisConnection]) -> Redlock
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var stopping = false
    private var thread = pthread_t()
    private var started = false
    /// Told, from the thread, once the lease is found lost (to stop the protected work).
    private let onLoss: (@Sendable (LeaseKeeper.Loss) -> Void)?

    init(_ keeper: LeaseKeeper, onLoss: (@Sendable (LeaseKeeper.Loss) -> Void)? = nil) {
        self.onLoss = onLoss
        let lock = keeper.lock
        state = keeper.state
        masters = lock.quorum.masters.map { ($0.url, $0.options) }
        let (key, count, ttl, timeout, fencing) = (
            lock.keyBytes, lock.quorum.count, lock.autoReleaseMilliseconds, lock.quorum.timeout, lock.fencing
        )
        make = { connections in
            Redlock(
                keyBytes: key, masters: connections, masterCount: count, autoReleaseMilliseconds: ttl,
                timeout: timeout, fencing: fencing)
        }
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(wake, &attributes)
        pthread_condattr_destroy(&attributes)
        if let thread = startThread(detached: false, { [self] in run() }) {
            self.thread = thread
            started = true
        }
    }

    deinit {
        pthread_cond_destroy(wake)
        pthread_mutex_destroy(mutex)
        wake.deallocate()
        mutex.deallocate()
    }

    /// Stops the thread, waits for it, and returns the keeper's state as it left it.
    func finish() -> LeaseKeeper.State {
        pthread_mutex_lock(mutex)
        stopping = true
        pthread_cond_signal(wake)
        pthread_mutex_unlock(mutex)
        if started { pthread_join(thread, nil) }
        return state
    }

    private func run() {
        let connections = masters.compactMap { try? RedisConnection(url: $0.url, options: $0.options) }
        defer { for connection in connections { connection.close() } }
        let keeper = LeaseKeeper(lock: make(connections), state: state)
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while !stopping, keeper.loss == nil {
            var until = monotonicTimespec(after: keeper.tickInterval)
            while !stopping, pthread_cond_timedwait(wake, mutex, &until) != ETIMEDOUT {}
            if stopping { break }
            pthread_mutex_unlock(mutex)
            if !keeper.tick(), let loss = keeper.loss { onLoss?(loss) }
            pthread_mutex_lock(mutex)
        }
        state = keeper.state
    }
}
