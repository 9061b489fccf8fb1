public import RedisClient

/// A streamed read for Swift concurrency (`for try await item in users.items()`): a
/// ``RedisCursor`` run on one connection of a pool, held for the whole iteration (its next batch
/// is requested while this one is handed out) and given back when the iteration ends, fails or
/// is dropped. Memory stays bounded by one batch, whatever the size of the key.
public struct PooledCursor<Element: Sendable>: PooledRead, Sendable {
    public typealias Failure = PotteryError

    private let pool: RedisConnectionPool
    private let keyBytes: [UInt8]
    private let open: @Sendable (RedisConnection) -> RedisCursor<Element>

    /// `open` makes the blocking cursor over the leased connection (on its thread).
    public init(
        pool: RedisConnectionPool, key: [UInt8],
        open: @escaping @Sendable (RedisConnection) -> RedisCursor<Element>
    ) {
        self.pool = pool
        self.keyBytes = key
        self.open = open
    }

    public func makeAsyncIterator() -> Iterator { Iterator(pool: pool, key: keyBytes, open: open) }

    public struct Iterator: AsyncIteratorProtocol {
        public typealias Failure = PotteryError

        private let pool: RedisConnectionPool
        private let keyBytes: [UInt8]
        private let open: @Sendable (RedisConnection) -> RedisCursor<Element>
        private var lease: RedisConnectionLease?
        private let box = CursorBox<Element>()
        private var batch: [Element] = []
        private var position = 0
        private var finished = false

        init(
            pool: RedisConnectionPool, key: [UInt8],
            open: @escaping @Sendable (RedisConnection) -> RedisCursor<Element>
        ) {
            self.pool = pool
            self.keyBytes = key
            self.open = open
        }

        public mutating func next() async throws(PotteryError) -> Element? {
            try await next(isolation: nil)
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(PotteryError)
            -> Element?
        {
            while position == batch.count {
                guard !finished else { return nil }
                let next: [Element]?
                do {
                    if lease == nil { lease = try await pool.lease() }
                    let (box, open) = (box, open)
                    next = try await lease!.run { connection in
                        if box.cursor == nil {
                            box.cursor = open(connection)
                            box.cursor!.prefetch = true
                        }
                        return try box.cursor!.nextBatch()
                    }
                } catch {
                    finish()
                    throw pooledError(error, key: keyBytes, server: pool.url.redacted)
                }
                guard let next else {
                    finish()
                    return nil
                }
                batch = next
                position = 0
            }
            defer { position += 1 }
            return batch[position]
        }

        /// Ends the iteration and gives the connection back (reopened before its next use if a
        /// batch requested ahead is still unread).
        private mutating func finish() {
            finished = true
            batch = []
            position = 0
            lease?.release()
            lease = nil
        }
    }
}

/// The blocking cursor of an iteration, touched only inside the lease's jobs, which run one at a
/// time on the connection's thread: hence `@unchecked Sendable`.
final class CursorBox<Element>: @unchecked Sendable {
    var cursor: RedisCursor<Element>?
}

/// A streamed read over a pool that ends (unlike ``NextIdSequence``): ``PooledCursor`` and
/// ``PooledCounterElements``.
public protocol PooledRead: AsyncSequence where Failure == PotteryError {}

extension PooledRead {
    /// Every element, in one array (for small keys).
    public func collect() async throws(PotteryError) -> [Element] {
        var all: [Element] = []
        var iterator = makeAsyncIterator()
        while let element = try await iterator.next(isolation: nil) { all.append(element) }
        return all
    }
}
