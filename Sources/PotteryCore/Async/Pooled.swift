public import RedisClient

/// A structure for Swift concurrency: the blocking structure (``RedisDict``, ``RedisSet``, ...)
/// bound to a `RedisConnectionPool` instead of one connection. Each call checks a connection out,
/// runs the blocking operation on that connection's own thread (never on a thread of the
/// cooperative pool, so other tasks go on), and gives the connection back. Stored bytes,
/// atomicity and errors are the blocking structure's; only the waiting differs.
///
/// ```swift
/// let pool = try RedisConnectionPool(url: "redis://localhost:6379/0")
/// let users = RedisDict<String, User>.pooled(key: "users", pool: pool)
/// try await users.set("jack", User(name: "Jack"))
/// for try await (name, user) in users.items() { print(name, user) }
/// ```
///
/// Every operation of the structure has an async form through ``perform(_:)``; the common ones
/// are methods of their own (`users.set`, `users.value(for:)`, `users.items()`, ...).
public struct Pooled<Structure: RedisStructure>: Sendable {
    /// The pool whose connections the calls use.
    public let pool: RedisConnectionPool
    /// The Redis key, as bytes.
    public let keyBytes: [UInt8]
    /// The blocking structure at this key over one connection.
    private let make: @Sendable (RedisConnection) -> Structure

    /// `make` builds the blocking structure over a pooled connection (called on that
    /// connection's thread, once per call).
    public init(
        pool: RedisConnectionPool, key: [UInt8], make: @escaping @Sendable (RedisConnection) -> Structure
    ) {
        self.pool = pool
        self.keyBytes = key
        self.make = make
    }

    /// Builds the blocking structure over a connection (for streamed reads, which hold one).
    var structureMaker: @Sendable (RedisConnection) -> Structure { make }

    /// The key as text (invalid UTF-8 shown as U+FFFD).
    public var key: String { String(decoding: keyBytes, as: UTF8.self) }

    /// Runs `body` with the blocking structure over one of the pool's connections, on that
    /// connection's thread, and returns what it returns: the async form of any operation
    /// (`try await users.perform { try $0.popItem() }`). Cancelling the task ends its waits
    /// with ``PotteryError/Kind/cancelled``.
    public func perform<T: Sendable>(
        _ body: @escaping @Sendable (Structure) throws(PotteryError) -> T
    ) async throws(PotteryError) -> T {
        let make = make
        do {
            return try await pool.withConnection { connection in try body(make(connection)) }
        } catch {
            throw pooledError(error, key: keyBytes, server: pool.url.redacted)
        }
    }
}

extension Pooled {
    /// Deletes the whole key (Python's `clear()`).
    public func clear() async throws(PotteryError) {
        try await perform { (structure) throws(PotteryError) in try structure.clear() }
    }

    /// Sets a time to live in milliseconds (PEXPIRE); false if there is no key.
    @discardableResult
    public func expire(milliseconds: Int) async throws(PotteryError) -> Bool {
        try await perform { (structure) throws(PotteryError) in
            try structure.expire(milliseconds: milliseconds)
        }
    }
}

/// What a pooled call threw, as a ``PotteryError`` naming the key: a cancellation (while
/// waiting for a connection, or a wait on the server cut short by it) is `.cancelled`.
func pooledError(_ error: any Error, key: [UInt8], server: String) -> PotteryError {
    let cancelled = Task.isCancelled
    switch error {
    case let error as PotteryError where cancelled && error.redisError?.kind == .interrupted:
        return PotteryError(.cancelled, "cancelled", key: key, server: server)
    case let error as PotteryError:
        return error
    case let error as RedisError where cancelled && error.kind == .interrupted:
        return PotteryError(.cancelled, "cancelled", key: key, server: server)
    case let error as RedisError:
        return PotteryError(error, key: key)
    default:
        return PotteryError(.cancelled, "cancelled", key: key, server: server)
    }
}
