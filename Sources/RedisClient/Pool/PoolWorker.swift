import Glibc
import PotterySystem

/// One connection of a ``RedisConnectionPool`` and the thread its blocking I/O runs on, so that a
/// task's Redis work never blocks a thread of Swift's cooperative pool. The pool hands a worker
/// to one task at a time; the worker runs that task's jobs, one at a time, on its thread.
///
/// `@unchecked Sendable`: the job slot and the flags are read and written only under `mutex`;
/// the connection is touched only by the worker's thread (jobs run there, one at a time).
final class PoolWorker: @unchecked Sendable {
    private let url: RedisURL
    private let options: RedisConnectionOptions
    /// Raised to cancel the running job's waits (see ``cancel(job:)``).
    private let cancellation: RedisCancellation
    /// The connection, opened by the first job and again after one left it unusable.
    private var connection: RedisConnection?

    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// The job to run: it does the work and returns what hands its result over, which runs once
    /// the worker is free again (so the pool may give it the next job at once).
    private var job: (@Sendable (_ settle: Bool) -> @Sendable () -> Void)?
    /// Identifies the job running, so that a late cancellation of a finished job does nothing.
    private var runningJob: UInt64 = 0
    /// A job cancelled before it started (its task was cancelled as it was handed over).
    private var cancelledJob: UInt64 = 0
    private var stopping = false
    /// Set when a task gave the worker back: the next job first drops a connection left with
    /// unread replies (an iteration abandoned with a batch requested ahead).
    private var released = false

    init(url: RedisURL, options: RedisConnectionOptions) throws(RedisError) {
        cancellation = try RedisCancellation()
        var options = options
        options.cancellation = cancellation
        self.url = url
        self.options = options
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(wake, nil)
        guard startThread(detached: true, { [self] in serve() }) != nil else {
            throw RedisError(
                kind: .connectionLost, message: "no thread for a pooled connection", server: url.redacted)
        }
    }

    deinit {
        pthread_cond_destroy(wake)
        pthread_mutex_destroy(mutex)
        wake.deallocate()
        mutex.deallocate()
    }

    /// Runs `body` with the connection on the worker's thread and returns what it returned. The
    /// connection is opened (again) first when there is none or it is unusable.
    func run<T: Sendable>(
        job id: UInt64, _ body: @escaping @Sendable (RedisConnection) throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            submit(id) { [self] settle in
                let result = Result { try body(try openConnection(settle: settle)) }
                return { continuation.resume(with: result) }
            }
        }
    }

    /// Cancels job `id`'s waits if it is the one running (a cancellation that comes after the
    /// job ended does nothing to the next one).
    func cancel(job id: UInt64) {
        pthread_mutex_lock(mutex)
        if runningJob == id { cancellation.cancel() } else { cancelledJob = id }
        pthread_mutex_unlock(mutex)
    }

    /// Ends the thread once its job (if any) is done; closes the connection there.
    func stop() {
        pthread_mutex_lock(mutex)
        stopping = true
        pthread_cond_signal(wake)
        pthread_mutex_unlock(mutex)
    }

    // MARK: - The worker's thread

    private func submit(_ id: UInt64, _ work: @escaping @Sendable (_ settle: Bool) -> @Sendable () -> Void) {
        pthread_mutex_lock(mutex)
        precondition(job == nil, "a pooled connection given two jobs at once")
        runningJob = id
        cancellation.reset()
        if cancelledJob == id { cancellation.cancel() }
        job = work
        pthread_cond_signal(wake)
        pthread_mutex_unlock(mutex)
    }

    /// Marks the worker given back by its task (see `released`).
    func markReleased() {
        pthread_mutex_lock(mutex)
        released = true
        pthread_mutex_unlock(mutex)
    }

    private func openConnection(settle: Bool) throws -> RedisConnection {
        if settle, let connection, connection.pendingReplies > 0 { connection.close() }
        if let connection, connection.isUsable { return connection }
        connection?.close()
        connection = nil
        let opened = try RedisConnection(url: url, options: options)
        connection = opened
        return opened
    }

    private func serve() {
        while true {
            pthread_mutex_lock(mutex)
            while job == nil && !stopping { pthread_cond_wait(wake, mutex) }
            guard let work = job else {
                pthread_mutex_unlock(mutex)
                break
            }
            let settle = released
            released = false
            pthread_mutex_unlock(mutex)
            let handOver = work(settle)
            pthread_mutex_lock(mutex)
            job = nil
            runningJob = 0
            pthread_mutex_unlock(mutex)
            handOver()
        }
        connection?.close()
        connection = nil
    }
}
