public import PotteryJSON
public import RedisClient

/// A final structure of one element type made from a codec (``RedisSet``,
/// ``RedisCounter``, ``RedisSimpleQueue``): the usual ways to make one come from here, for
/// `Codable` elements (stored as their canonical JSON), JSON values, or stored bytes (neither
/// decoded nor encoded: what the CLI uses), each at a key given as text or as bytes. (``RedisList``
/// keeps its own, in `RedisList+Codecs.swift`: ``RedisDeque`` subclasses it.)
public protocol CodecInitializable: RedisStructure {
    /// The type of the structure's elements.
    associatedtype Element
    /// The structure at `key` (bytes), storing its elements through `codec`.
    init(key: [UInt8], redis: RedisConnection, codec: some RedisCodec<Element>)
}

extension CodecInitializable where Element: Codable {
    /// The structure at `key`, its elements stored as described above.
    public init(key: String, redis: RedisConnection) { self.init(key: Array(key.utf8), redis: redis) }
    /// The structure at a key given as bytes, its elements stored as described above.
    public init(key: [UInt8], redis: RedisConnection) {
        self.init(key: key, redis: redis, codec: CodableCodec<Element>())
    }
}

extension CodecInitializable where Element == JSONValue {
    /// The structure at `key`, its elements stored as described above.
    public init(key: String, redis: RedisConnection) { self.init(key: Array(key.utf8), redis: redis) }
    /// The structure at a key given as bytes, its elements stored as described above.
    public init(key: [UInt8], redis: RedisConnection) {
        self.init(key: key, redis: redis, codec: JSONValueCodec())
    }
}

extension CodecInitializable where Element == StoredValue {
    /// The structure at `key`, its elements stored as described above.
    public init(key: String, redis: RedisConnection) { self.init(key: Array(key.utf8), redis: redis) }
    /// The structure at a key given as bytes, its elements stored as described above.
    public init(key: [UInt8], redis: RedisConnection) {
        self.init(key: key, redis: redis, codec: StoredValueCodec())
    }
}

extension RedisSet: CodecInitializable {}
extension RedisCounter: CodecInitializable {}
extension RedisSimpleQueue: CodecInitializable {}
