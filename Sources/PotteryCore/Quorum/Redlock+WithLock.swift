import RedisClient
import Synchronization

/// What the body of `lock.withLock { lease in ... }` (blocking or async)
/// sees of its lease: the fencing token to hand to whatever it writes, and whether the lease is
/// still held as far as the thread extending it knows.
public final class LockLease: Sendable {
    /// The lease's token on the masters.
    public let token: String
    /// The fencing token of this acquisition (nil when the lock keeps no fencing counter): it
    /// grows with every acquisition, so a resource can refuse a writer whose lease is older.
    public let fencingToken: Int?
    /// Why it was lost, once it was; and what to do then (cancel the async body).
    private let lost = Mutex<(loss: LeaseKeeper.Loss?, then: (@Sendable () -> Void)?)>((nil, nil))

    init(token: String, fencingToken: Int?) {
        self.token = token
        self.fencingToken = fencingToken
    }

    /// Whether the lease is still held as far as is known (false once an extension found it lost).
    public var isHeld: Bool { lost.withLock { $0.loss == nil } }

    /// Why the lease was lost, once it was.
    public var loss: LeaseKeeper.Loss? { lost.withLock { $0.loss } }

    /// Records the loss (the first one) and runs what was asked for it.
    func markLost(_ loss: LeaseKeeper.Loss) {
        let then = lost.withLock { state -> (@Sendable () -> Void)? in
            guard state.loss == nil else { return nil }
            state.loss = loss
            return state.then
        }
        then?()
    }

    /// Runs `action` when the lease is lost: now if it already was.
    func onLoss(_ action: @escaping @Sendable () -> Void) {
        let lostAlready = lost.withLock { state -> Bool in
            state.then = action
            return state.loss != nil
        }
        if lostAlready { action() }
    }
}

extension Redlock {
    /// Runs `body` while holding this lock, as ``synchronize(key:masters:masterCount:autoReleaseMilliseconds:blocking:timeout:_:)``
    /// does: acquired with more than a third of the lease left (or `notAcquired` thrown and `body`
    /// never run), extended every third of the lease from a thread of its own over connections of
    /// its own, released on every path. `body` cannot be stopped on a thread: when the lease is
    /// lost meanwhile, ``LockLease/isHeld`` turns false (a long `body` may look), and its result
    /// is dropped for a `leaseLost` error when it ends.
    public func withLock<T>(
        blocking: Bool = true, timeout: Double? = nil, maxExtensions: Int? = nil,
        _ body: (LockLease) throws -> T
    ) throws -> T {
        let keeper = LeaseKeeper(lock: self, maxExtensions: maxExtensions)
        guard try keeper.acquire(blocking: blocking, timeout: timeout), let token else { throw notAcquired() }
        let lease = LockLease(token: token, fencingToken: fencingToken)
        let thread = keeper.keepInBackground { lease.markLost($0) }
        let result: T
        do {
            result = try body(lease)
        } catch {
            keeper.adopt(thread.finish())
            _ = keeper.release()
            throw error
        }
        keeper.adopt(thread.finish())
        guard keeper.release() else { throw leaseLost(keeper) }
        return result
    }

    /// The async form: `try await lock.withLock { lease in ... }`. The acquisition, the extensions
    /// and the release run on threads of their own (never on the cooperative pool); `body` runs in
    /// a task of its own, which is **cancelled when the lease is lost**, and the call then throws
    /// `leaseLost` (`body`'s result, if it still returns one, is dropped). Cancelling the calling
    /// task cancels `body`; the lock is released on every path.
    ///
    /// The lock's connections are used by the acquisition and release only, one at a time;
    /// don't use the `Redlock` elsewhere until this returns.
    public func withLock<T: Sendable>(
        blocking: Bool = true, timeout: Double? = nil, maxExtensions: Int? = nil,
        _ body: @escaping @Sendable (LockLease) async throws -> T
    ) async throws -> T {
        let keeper = HandedOver(value: LeaseKeeper(lock: self, maxExtensions: maxExtensions))
        // The extensions start on the acquiring thread at once: the lease's clock runs from the
        // acquisition, whenever the cooperative pool resumes this task.
        let acquired = try await onThreadOfItsOwn { () throws -> (LockLease, LeaseKeeperThread)? in
            let keeper = keeper.value
            guard try keeper.acquire(blocking: blocking, timeout: timeout), let token = keeper.lock.token
            else {
                return nil
            }
            let lease = LockLease(token: token, fencingToken: keeper.lock.fencingToken)
            return (lease, keeper.keepInBackground { lease.markLost($0) })
        }
        guard let (lease, keeperThread) = acquired else { throw notAcquired() }
        let work = Task { try await body(lease) }
        lease.onLoss { work.cancel() }
        let thread = HandedOver(value: keeperThread)
        let outcome = await withTaskCancellationHandler {
            await work.result
        } onCancel: {
            work.cancel()
        }
        let heldToTheEnd = try await onThreadOfItsOwn { () -> Bool in
            keeper.value.adopt(thread.value.finish())
            return keeper.value.release()
        }
        if !heldToTheEnd || !lease.isHeld { throw leaseLost(keeper.value) }
        return try outcome.get()
    }

    private var quorumName: String { "\(quorum.count) masters" }

    private func notAcquired() -> PotteryError {
        PotteryError(
            RedisError(kind: .notAcquired, message: "lock not acquired", server: quorumName), key: redisKey)
    }

    private func leaseLost(_ keeper: LeaseKeeper) -> PotteryError {
        let why = keeper.loss?.description ?? "the lease was lost"
        return PotteryError(RedisError(kind: .leaseLost, message: why, server: quorumName), key: redisKey)
    }
}
