public import PotteryJSON
public import RedisClient

/// A final structure of one element type made from a codec (``RedisSet``,
/// ``RedisCounter``, ``RedisSimpleQueue``): the usual ways to make one come from here, for
/// `Codable` elements (stored as their canonical JSON), JSON values, or stored bytes (neither
/// decoded nor encoded: what the CLI uses), each at a key given as text or as bytes. (``RedisList``
/// keeps its own, in `RedisList+Codecs.swift`: ``RedisDeque`` subclasses it.)
public protocol CodecInitializable: RedisStructure {
    associatedtype Element
    init(key: [UInt8], redis: RedisConnection, codec: some RedisCodec<Element>)
}

extension CodecInitializable where Element: Codable {
    public init(key: String, redis: RedisConnection) { self.init(key: Array(key.utf8), redis: redis) }
    public init(key: [UInt8], redis: RedisConnection) {
        self.init(key: key, redis: redis, codec: CodableCodec<Element>())
    }
}

extension CodecInitializable where Element == JSONValue {
    public init(key: String, redis: RedisConnection) { self.init(key: Array(key.utf8), redis: redis) }
    public init(key: [UInt8], redis: RedisConnection) {
        self.init(key: key, redis: redis, codec: JSONValueCodec())
    }
}

extension CodecInitializable where Element == StoredValue {
    public init(key: String, redis: RedisConnection) { self.init(key: Array(key.utf8), redis: redis) }
    public init(key: [UInt8], redis: RedisConnection) {
        self.init(key: key, redis: redis, codec: StoredValueCodec())
    }
}

extension RedisSet: CodecInitializable {}
extension RedisCounter: CodecInitializable {}
extension RedisSimpleQueue: CodecInitializable {}
