import Synchronization

/// Connections to one server (or one Redis Cluster) shared by many tasks, for Swift concurrency:
/// `try await pool.withConnection { connection in ... }` runs its body on a thread of the pool's
/// own, never on one of the cooperative pool's, so a slow server or a blocking command (`BLPOP`,
/// `XREAD BLOCK`) stalls no other task. The same client as everywhere else (``RedisConnection``,
/// its timeouts, TLS, cluster routing): nothing is implemented twice.
///
/// At most `maximumConnections` connections (and threads), opened when first needed and kept
/// while idle; a task that finds them all busy waits its turn, in order. A connection that an
/// error left unusable is opened again for its next task. Cancelling a task cancels what it is
/// doing: its wait for a connection (`CancellationError`), or its body's waits on the server
/// (``RedisCancellation``: kind `.interrupted`; the connection is then reopened for the next
/// task).
///
/// ```swift
/// let pool = try RedisConnectionPool(url: "redis://localhost:6379/0")
/// let name = try await pool.withConnection { try $0.call(["HGET", "user:1", "name"]) }
/// ```
public final class RedisConnectionPool: Sendable {
    public let url: RedisURL
    /// The options every connection is opened with (its ``RedisConnectionOptions/cancellation``
    /// is the pool's own).
    public let options: RedisConnectionOptions
    public let maximumConnections: Int
    private let state = Mutex(State())

    private struct State {
        var idle: [PoolWorker] = []
        /// Workers made so far, idle or not.
        var workers = 0
        var waiters: [(id: UInt64, continuation: CheckedContinuation<PoolWorker, any Error>)] = []
        var nextID: UInt64 = 1
        var closed = false
    }

    /// A pool for `url`; nothing connects before the first `withConnection`.
    public init(url: RedisURL, options: RedisConnectionOptions = .init(), maximumConnections: Int = 8) {
        precondition(maximumConnections > 0, "a connection pool needs room for one connection")
        self.url = url
        self.options = options
        self.maximumConnections = maximumConnections
    }

    /// A pool for the URL in `text` (`redis://`, `rediss://`, `unix://`).
    public convenience init(
        url text: String, options: RedisConnectionOptions = .init(), maximumConnections: Int = 8
    ) throws(RedisError) {
        self.init(url: try RedisURL(parsing: text), options: options, maximumConnections: maximumConnections)
    }

    deinit { close() }

    /// Runs `body` with one of the pool's connections, on that connection's thread, and returns
    /// what it returns. The connection is this task's alone until `body` returns; leave it with
    /// no reply unread. Throws what `body` throws, `CancellationError` when the task was
    /// cancelled while waiting for a connection, and `.connectionLost` once the pool is closed.
    public func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (RedisConnection) throws -> T
    ) async throws -> T {
        let lease = try await lease()
        defer { lease.release() }
        return try await lease.run(body)
    }

    /// One of the pool's connections for this task until ``RedisConnectionLease/release()``
    /// (or until the lease is dropped): for work that spans several calls, such as an iteration
    /// whose next batch is requested ahead. Waits as `withConnection` does.
    public func lease() async throws -> RedisConnectionLease {
        let (worker, id) = try await checkOut()
        return RedisConnectionLease(pool: self, worker: worker, firstJob: id)
    }

    /// A number for a job, unique in this pool (cancellation names the job it means).
    func nextJobID() -> UInt64 {
        state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
    }

    /// Closes the pool: idle connections close now, busy ones when their task is done, and
    /// tasks waiting for one (and any later call) get `.connectionLost`.
    public func close() {
        let (idle, waiters) = state.withLock { state in
            state.closed = true
            let taken = (state.idle, state.waiters)
            state.workers -= state.idle.count
            state.idle = []
            state.waiters = []
            return taken
        }
        for worker in idle { worker.stop() }
        for waiter in waiters { waiter.continuation.resume(throwing: closedError) }
    }

    /// Connections opened (busy or idle), idle ones, and tasks waiting for one, at this moment.
    public var usage: (connections: Int, idle: Int, waiting: Int) {
        state.withLock { ($0.workers, $0.idle.count, $0.waiters.count) }
    }

    // MARK: - Checking connections out and in

    private var closedError: RedisError {
        RedisError(kind: .connectionLost, message: "the connection pool is closed", server: url.redacted)
    }

    private enum Next {
        case worker(PoolWorker)
        case make
        case wait
        case closed
    }

    /// A worker for this task, and the number that names its job.
    private func checkOut() async throws -> (PoolWorker, UInt64) {
        try Task.checkCancellation()
        let (next, id) = state.withLock { state -> (Next, UInt64) in
            let id = state.nextID
            state.nextID += 1
            if state.closed { return (.closed, id) }
            if let worker = state.idle.popLast() { return (.worker(worker), id) }
            if state.workers < maximumConnections {
                state.workers += 1
                return (.make, id)
            }
            return (.wait, id)
        }
        switch next {
        case .worker(let worker):
            return (worker, id)
        case .closed:
            throw closedError
        case .make:
            do {
                return (try PoolWorker(url: url, options: options), id)
            } catch {
                state.withLock { $0.workers -= 1 }
                throw error
            }
        case .wait:
            let worker = try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    let refusal: (any Error)? = state.withLock { state in
                        if state.closed { return closedError }
                        // Cancelled before it could wait: the handler found nothing to remove.
                        if Task.isCancelled { return CancellationError() }
                        state.waiters.append((id, continuation))
                        return nil
                    }
                    if let refusal { continuation.resume(throwing: refusal) }
                }
            } onCancel: {
                let waiter = state.withLock { state in
                    state.waiters.firstIndex { $0.id == id }.map { state.waiters.remove(at: $0) }
                }
                waiter?.continuation.resume(throwing: CancellationError())
            }
            return (worker, id)
        }
    }

    /// Gives the worker to the first waiting task, or keeps it idle; stops it once closed.
    func checkIn(_ worker: PoolWorker) {
        worker.markReleased()
        let waiter = state.withLock { state -> CheckedContinuation<PoolWorker, any Error>?? in
            if state.closed {
                state.workers -= 1
                return .none
            }
            if !state.waiters.isEmpty { return .some(state.waiters.removeFirst().continuation) }
            state.idle.append(worker)
            return .some(nil)
        }
        switch waiter {
        case .none: worker.stop()
        case .some(let continuation?): continuation.resume(returning: worker)
        case .some(nil): break
        }
    }
}
