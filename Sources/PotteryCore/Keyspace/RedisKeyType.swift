/// The type of the value at a key, as `TYPE` names it (`none` when there is no key).
public struct RedisKeyType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The name `TYPE` answers, e.g. `hash`.
    public var rawValue: String
    /// The type `TYPE` names `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// No value at the key.
    public static let none = RedisKeyType(rawValue: "none")
    /// A string (and what is stored as one, such as a Bloom filter or a HyperLogLog).
    public static let string = RedisKeyType(rawValue: "string")
    /// A list (``RedisList``, ``RedisDeque``).
    public static let list = RedisKeyType(rawValue: "list")
    /// A set (``RedisSet``).
    public static let set = RedisKeyType(rawValue: "set")
    /// A sorted set.
    public static let zset = RedisKeyType(rawValue: "zset")
    /// A hash (``RedisDict``, ``RedisCounter``, ``CachedOrderedDict``, ``RedisCache``).
    public static let hash = RedisKeyType(rawValue: "hash")
    /// A stream (``RedisSimpleQueue``).
    public static let stream = RedisKeyType(rawValue: "stream")

    /// The name `TYPE` answers.
    public var description: String { rawValue }
}
