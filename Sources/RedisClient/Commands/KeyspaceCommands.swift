// Generic keyspace commands (Redis' "generic" group).

/// `DEL key...`: how many of the keys existed.
public struct DEL: RedisCommand {
    public typealias Response = Int
    public static let name = "DEL"
    public var keys: [[UInt8]]
    /// What an error concerns: by default the key when there is one, none of several.
    public var subject: [UInt8]?
    public init(_ keys: [[UInt8]], concerning subject: [UInt8]? = nil) {
        self.keys = keys
        self.subject = subject ?? (keys.count == 1 ? keys[0] : nil)
    }
    public var arguments: [[UInt8]] { [Self.nameArgument] + keys }
}

/// `EXISTS key`: whether the key exists.
public struct EXISTS: KeyOnlyCommand {
    public typealias Response = Bool
    public static let name = "EXISTS"
    public var key: [UInt8]
    public init(_ key: [UInt8]) { self.key = key }
}

/// `TYPE key`: the type name (`string`, `hash`, ..., `none`).
public struct TYPE: KeyOnlyCommand {
    public typealias Response = [UInt8]
    public static let name = "TYPE"
    public var key: [UInt8]
    public init(_ key: [UInt8]) { self.key = key }
}

/// `PEXPIRE key milliseconds`: whether a timeout was set (false when the key does not exist).
public struct PEXPIRE: KeyedCommand {
    public typealias Response = Bool
    public static let name = "PEXPIRE"
    public var key: [UInt8]
    public var milliseconds: Int
    public init(_ key: [UInt8], milliseconds: Int) {
        self.key = key
        self.milliseconds = milliseconds
    }
    public var arguments: [[UInt8]] { [Self.nameArgument, key, milliseconds.argument] }
}

/// `PERSIST key`: whether a time to live was removed (false for a missing key or one without).
public struct PERSIST: KeyOnlyCommand {
    public typealias Response = Bool
    public static let name = "PERSIST"
    public var key: [UInt8]
    public init(_ key: [UInt8]) { self.key = key }
}

/// `TTL key`: seconds to live, `-1` without expiry, `-2` for a missing key.
public struct TTL: KeyOnlyCommand {
    public typealias Response = Int
    public static let name = "TTL"
    public var key: [UInt8]
    public init(_ key: [UInt8]) { self.key = key }
}

/// `PTTL key`: milliseconds to live, `-1` without expiry, `-2` for a missing key.
public struct PTTL: KeyOnlyCommand {
    public typealias Response = Int
    public static let name = "PTTL"
    public var key: [UInt8]
    public init(_ key: [UInt8]) { self.key = key }
}

/// `OBJECT ENCODING key`: the internal encoding (`listpack`, `hashtable`, ...), nil for no key.
public struct OBJECT_ENCODING: KeyedCommand {
    public typealias Response = [UInt8]?
    public static let name = "OBJECT"
    public static let subcommand: String? = "ENCODING"
    public var key: [UInt8]
    public init(_ key: [UInt8]) { self.key = key }
    public var arguments: [[UInt8]] { Self.nameArguments + [key] }
}
