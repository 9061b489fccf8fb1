import Synchronization

/// A connection of a ``RedisConnectionPool`` held by one task across several calls, each of which
/// runs on the connection's own thread. Given back by ``release()``, or when the lease is dropped;
/// a connection given back with replies still unread (an iteration stopped with a batch requested
/// ahead) is closed and opened again for the next task, so no task ever reads another's reply.
public final class RedisConnectionLease: Sendable {
    private let pool: RedisConnectionPool
    private let worker: PoolWorker
    /// The first job's number (taken when the connection was checked out), then nil.
    private let state: Mutex<(firstJob: UInt64?, released: Bool)>

    init(pool: RedisConnectionPool, worker: PoolWorker, firstJob: UInt64) {
        self.pool = pool
        self.worker = worker
        state = Mutex((firstJob, false))
    }

    deinit { release() }

    /// Runs `body` with the connection on its thread and returns what it returns; cancelling
    /// the task ends `body`'s waits (kind `.interrupted`). Throws `.connectionLost` after
    /// ``release()``. Calls must not overlap.
    public func run<T: Sendable>(_ body: @escaping @Sendable (RedisConnection) throws -> T) async throws -> T
    {
        let (job, released) = state.withLock { state -> (UInt64?, Bool) in
            defer { state.firstJob = nil }
            return (state.firstJob, state.released)
        }
        guard !released else {
            throw RedisError(
                kind: .connectionLost, message: "the pooled connection was given back",
                server: pool.url.redacted)
        }
        let id = job ?? pool.nextJobID()
        let worker = worker
        return try await withTaskCancellationHandler {
            try await worker.run(job: id, body)
        } onCancel: {
            worker.cancel(job: id)
        }
    }

    /// Gives the connection back to the pool (once; later calls do nothing).
    public func release() {
        let first = state.withLock { state -> Bool in
            defer { state.released = true }
            return !state.released
        }
        if first { pool.checkIn(worker) }
    }
}
