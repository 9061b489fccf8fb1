// String commands.

/// `GET key`: the value, nil for a missing key.
public struct GET: KeyOnlyCommand {
    public typealias Response = [UInt8]?
    public static let name = "GET"
    public var key: [UInt8]
    public init(_ key: [UInt8]) { self.key = key }
}

/// `SET key value [NX] [PX ms] [GET]`: the reply is `OK`/nil, or with `GET` the old value.
/// `NX` with `GET` needs Redis 7.0.
public struct SET: KeyedCommand {
    public typealias Response = RESPValue
    public static let name = "SET"
    public var key: [UInt8]
    public var value: [UInt8]
    /// Only when the key does not exist.
    public var onlyIfAbsent = false
    /// Expire after this many milliseconds.
    public var milliseconds: Int?
    /// Reply with the value the key had.
    public var returnOld = false
    public init(
        _ key: [UInt8], _ value: [UInt8], onlyIfAbsent: Bool = false, milliseconds: Int? = nil,
        returnOld: Bool = false
    ) {
        self.key = key
        self.value = value
        self.onlyIfAbsent = onlyIfAbsent
        self.milliseconds = milliseconds
        self.returnOld = returnOld
    }
    public var requires: RedisServerVersion? { onlyIfAbsent && returnOld ? RedisServerVersion(7, 0) : nil }
    public var arguments: [[UInt8]] {
        var arguments = [Self.nameArgument, key, value]
        if let milliseconds { arguments += [Array("PX".utf8), milliseconds.argument] }
        if onlyIfAbsent { arguments.append(Array("NX".utf8)) }
        if returnOld { arguments.append(Array("GET".utf8)) }
        return arguments
    }
}
