// Set commands.

/// `SADD key member...`: how many were new.
public struct SADD: KeyedCommand {
    public typealias Response = Int
    public static let name = "SADD"
    public var key: [UInt8]
    public var members: [[UInt8]]
    public init(_ key: [UInt8], members: [[UInt8]]) {
        self.key = key
        self.members = members
    }
    public var arguments: [[UInt8]] { [Self.nameArgument, key] + members }
}

/// `SREM key member...`: how many were removed.
public struct SREM: KeyedCommand {
    public typealias Response = Int
    public static let name = "SREM"
    public var key: [UInt8]
    public var members: [[UInt8]]
    public init(_ key: [UInt8], members: [[UInt8]]) {
        self.key = key
        self.members = members
    }
    public var arguments: [[UInt8]] { [Self.nameArgument, key] + members }
}

/// `SISMEMBER key member`.
public struct SISMEMBER: KeyedCommand {
    public typealias Response = Bool
    public static let name = "SISMEMBER"
    public var key: [UInt8]
    public var member: [UInt8]
    public init(_ key: [UInt8], member: [UInt8]) {
        self.key = key
        self.member = member
    }
    public var arguments: [[UInt8]] { [Self.nameArgument, key, member] }
}

/// `SMISMEMBER key member...`: a flag per member, in order.
public struct SMISMEMBER: KeyedCommand {
    public typealias Response = [Bool]
    public static let name = "SMISMEMBER"
    public var key: [UInt8]
    public var members: [[UInt8]]
    public init(_ key: [UInt8], members: [[UInt8]]) {
        self.key = key
        self.members = members
    }
    public var arguments: [[UInt8]] { [Self.nameArgument, key] + members }
    public func mismatch(_ response: [Bool]) -> String? {
        response.count == members.count ? nil : "\(members.count) flags"
    }
}

/// `SCARD key`: the number of members.
public struct SCARD: KeyOnlyCommand {
    public typealias Response = Int
    public static let name = "SCARD"
    public var key: [UInt8]
    public init(_ key: [UInt8]) { self.key = key }
}

/// `SPOP key`: a random member removed, nil for an empty set.
public struct SPOP: KeyOnlyCommand {
    public typealias Response = [UInt8]?
    public static let name = "SPOP"
    public var key: [UInt8]
    public init(_ key: [UInt8]) { self.key = key }
}

/// `SINTERCARD numkeys key... [LIMIT n]`: the size of the intersection (Redis 7.0).
public struct SINTERCARD: RedisCommand {
    public typealias Response = Int
    public static let name = "SINTERCARD"
    public var keys: [[UInt8]]
    /// Stop counting at this many (0: no limit).
    public var limit: Int?
    public init(_ keys: [[UInt8]], limit: Int? = nil) {
        self.keys = keys
        self.limit = limit
    }
    public var requires: RedisServerVersion? { RedisServerVersion(7, 0) }
    public var arguments: [[UInt8]] {
        var arguments = [Self.nameArgument, keys.count.argument] + keys
        if let limit { arguments += [Array("LIMIT".utf8), limit.argument] }
        return arguments
    }
}

/// `SUNIONSTORE`, `SINTERSTORE` or `SDIFFSTORE destination key...`: the result of the operation
/// over `sources` replaces `destination` (deleted when the result is empty); its cardinality.
public protocol SetStoreCommand: RedisCommand where Response == Int {
    var destination: [UInt8] { get }
    var sources: [[UInt8]] { get }
    init(destination: [UInt8], sources: [[UInt8]])
}

extension SetStoreCommand {
    public var keys: [[UInt8]] { [destination] + sources }
    public var subject: [UInt8]? { destination }
    public var arguments: [[UInt8]] { [Self.nameArgument, destination] + sources }
}

/// `SUNIONSTORE destination key...`.
public struct SUNIONSTORE: SetStoreCommand {
    public static let name = "SUNIONSTORE"
    public var destination: [UInt8]
    public var sources: [[UInt8]]
    public init(destination: [UInt8], sources: [[UInt8]]) {
        (self.destination, self.sources) = (destination, sources)
    }
}

/// `SINTERSTORE destination key...`.
public struct SINTERSTORE: SetStoreCommand {
    public static let name = "SINTERSTORE"
    public var destination: [UInt8]
    public var sources: [[UInt8]]
    public init(destination: [UInt8], sources: [[UInt8]]) {
        (self.destination, self.sources) = (destination, sources)
    }
}

/// `SDIFFSTORE destination key...`.
public struct SDIFFSTORE: SetStoreCommand {
    public static let name = "SDIFFSTORE"
    public var destination: [UInt8]
    public var sources: [[UInt8]]
    public init(destination: [UInt8], sources: [[UInt8]]) {
        (self.destination, self.sources) = (destination, sources)
    }
}
