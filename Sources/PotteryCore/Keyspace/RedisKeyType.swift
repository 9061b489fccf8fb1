/// The type of the value at a key, as `TYPE` names it (`none` when there is no key).
public struct RedisKeyType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let none = RedisKeyType(rawValue: "none")
    public static let string = RedisKeyType(rawValue: "string")
    public static let list = RedisKeyType(rawValue: "list")
    public static let set = RedisKeyType(rawValue: "set")
    public static let zset = RedisKeyType(rawValue: "zset")
    public static let hash = RedisKeyType(rawValue: "hash")
    public static let stream = RedisKeyType(rawValue: "stream")

    public var description: String { rawValue }
}
