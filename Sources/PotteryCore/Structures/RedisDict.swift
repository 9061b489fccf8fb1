/// A Redis hash that holds a Python `dict` the way pottery's `RedisDict` does: field = enc(key),
/// value = enc(value). Two layers: a typed one over ``JSONValue``, and an `encoded` one over stored
/// (canonical) bytes that the CLI uses to avoid decoding what it only passes through.
public final class RedisDict {
    public let redis: RedisConnection
    public let key: String
    let keyBytes: [UInt8]

    public init(key: String, redis: RedisConnection) {
        self.redis = redis
        self.key = key
        self.keyBytes = Array(key.utf8)
    }

    // MARK: Encoded layer

    /// HGET: the stored value of a stored field, or nil.
    public func value(forEncoded field: [UInt8]) throws(RedisError) -> [UInt8]? {
        try redis.call([Array("HGET".utf8), keyBytes, field]).bytes
    }

    /// HSET of stored field/value pairs `[f1, v1, f2, v2, ...]`, in one command.
    public func set(encodedPairs pairs: [[UInt8]]) throws(RedisError) {
        guard !pairs.isEmpty else { return }
        _ = try redis.call([Array("HSET".utf8), keyBytes] + pairs)
    }

    public func contains(encoded field: [UInt8]) throws(RedisError) -> Bool {
        try redis.call([Array("HEXISTS".utf8), keyBytes, field]).int == 1
    }

    /// HDEL: how many of the given (distinct) fields were there and are now gone.
    public func remove(encoded fields: [[UInt8]]) throws(RedisError) -> Int {
        Int(try redis.call([Array("HDEL".utf8), keyBytes] + fields).int ?? 0)
    }

    /// HLEN.
    public func count() throws(RedisError) -> Int {
        Int(try redis.call([Array("HLEN".utf8), keyBytes]).int ?? 0)
    }

    /// Streams every stored field and value (HSCAN), a batch at a time.
    public func forEachEncodedItem(_ body: ([UInt8], [UInt8]) throws -> Void) throws {
        var cursor = redis.hscan(keyBytes)
        cursor.prefetch = true
        defer { cursor.cancel() }
        while let batch = try cursor.nextBatch() {
            var index = 0
            while index + 1 < batch.count {
                try body(batch[index], batch[index + 1])
                index += 2
            }
        }
    }

    /// A writer that streams stored field/value pairs into the hash; see ``BulkWriter``.
    public func bulkWriter(atomic: Bool) -> BulkWriter {
        BulkWriter(redis: redis, command: "HSET", key: keyBytes, atomic: atomic)
    }

    /// Deletes the whole key.
    public func clear() throws(RedisError) {
        _ = try redis.call([Array("DEL".utf8), keyBytes])
    }

    // MARK: Typed layer

    public subscript(field: JSONValue) -> JSONValue? {
        get throws { try value(forEncoded: Codec.encode(field)).map { try Codec.decode($0, key: key) } }
    }

    public func set(_ field: JSONValue, _ value: JSONValue) throws {
        try set(encodedPairs: [Codec.encode(field), Codec.encode(value)])
    }

    /// Sets many fields in one command (Python's `dict.update`).
    public func update(_ pairs: some Sequence<(JSONValue, JSONValue)>) throws {
        try set(encodedPairs: pairs.flatMap { [Codec.encode($0.0), Codec.encode($0.1)] })
    }

    public func contains(_ field: JSONValue) throws -> Bool { try contains(encoded: Codec.encode(field)) }

    /// Deletes a field; false if it was absent.
    @discardableResult
    public func remove(_ field: JSONValue) throws -> Bool { try remove(encoded: [Codec.encode(field)]) == 1 }

    public func keys() throws -> [JSONValue] { try items().map(\.0) }
    public func values() throws -> [JSONValue] { try items().map(\.1) }

    public func items() throws -> [(JSONValue, JSONValue)] {
        var items: [(JSONValue, JSONValue)] = []
        try forEachEncodedItem { field, value in
            items.append((try Codec.decode(field, key: key), try Codec.decode(value, key: key)))
        }
        return items
    }
}
