import PotterySystem
import RedisClient

/// Runs blocking `work` on a thread made for it and returns its result to the awaiting task, so
/// that a blocking wait (a lock's acquisition retries, a quorum's replies) never holds a thread
/// of Swift's cooperative pool. For rare, long operations; a pool's connections have their own
/// threads (`RedisConnectionPool`).
func onThreadOfItsOwn<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let started = startThread(detached: true) { continuation.resume(with: Result { try work() }) }
        if started == nil {
            let error = RedisError(
                kind: .connectionLost, message: "no thread for a blocking operation", server: "")
            continuation.resume(throwing: PotteryError(error))
        }
    }
}

/// A non-`Sendable` value handed to one other thread while its owner awaits that thread's result:
/// never used by two threads at once, hence `@unchecked Sendable`.
struct HandedOver<Value>: @unchecked Sendable {
    let value: Value
}
