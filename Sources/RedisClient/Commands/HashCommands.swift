// Hash commands.

/// `HGET key field`: the value, nil for a missing field or key.
public struct HGET: KeyedCommand {
    public typealias Response = [UInt8]?
    public static let name = "HGET"
    public var key: [UInt8]
    public var field: [UInt8]
    public init(_ key: [UInt8], field: [UInt8]) {
        self.key = key
        self.field = field
    }
    public var arguments: [[UInt8]] { [Self.nameArgument, key, field] }
}

/// `HMGET key field...`: a value or nil per field, in order.
public struct HMGET: KeyedCommand {
    public typealias Response = [[UInt8]?]
    public static let name = "HMGET"
    public var key: [UInt8]
    public var fields: [[UInt8]]
    public init(_ key: [UInt8], fields: [[UInt8]]) {
        self.key = key
        self.fields = fields
    }
    public var arguments: [[UInt8]] { [Self.nameArgument, key] + fields }
    public func mismatch(_ response: [[UInt8]?]) -> String? {
        response.count == fields.count ? nil : "\(fields.count) fields"
    }
}

/// `HSET key field value [field value ...]`: how many fields were new.
public struct HSET: KeyedCommand {
    public typealias Response = Int
    public static let name = "HSET"
    public var key: [UInt8]
    /// Fields and values, alternating.
    public var pairs: [[UInt8]]
    public init(_ key: [UInt8], pairs: [[UInt8]]) {
        self.key = key
        self.pairs = pairs
    }
    public var arguments: [[UInt8]] { [Self.nameArgument, key] + pairs }
}

/// `HSETNX key field value`: whether the field was set (it was absent).
public struct HSETNX: KeyedCommand {
    public typealias Response = Bool
    public static let name = "HSETNX"
    public var key: [UInt8]
    public var field: [UInt8]
    public var value: [UInt8]
    public init(_ key: [UInt8], field: [UInt8], value: [UInt8]) {
        self.key = key
        self.field = field
        self.value = value
    }
    public var arguments: [[UInt8]] { [Self.nameArgument, key, field, value] }
}

/// `HDEL key field...`: how many fields were removed.
public struct HDEL: KeyedCommand {
    public typealias Response = Int
    public static let name = "HDEL"
    public var key: [UInt8]
    public var fields: [[UInt8]]
    public init(_ key: [UInt8], fields: [[UInt8]]) {
        self.key = key
        self.fields = fields
    }
    public var arguments: [[UInt8]] { [Self.nameArgument, key] + fields }
}

/// `HEXISTS key field`.
public struct HEXISTS: KeyedCommand {
    public typealias Response = Bool
    public static let name = "HEXISTS"
    public var key: [UInt8]
    public var field: [UInt8]
    public init(_ key: [UInt8], field: [UInt8]) {
        self.key = key
        self.field = field
    }
    public var arguments: [[UInt8]] { [Self.nameArgument, key, field] }
}

/// `HLEN key`: the number of fields.
public struct HLEN: KeyOnlyCommand {
    public typealias Response = Int
    public static let name = "HLEN"
    public var key: [UInt8]
    public init(_ key: [UInt8]) { self.key = key }
}

/// `HINCRBY key field amount`: the new value.
public struct HINCRBY: KeyedCommand {
    public typealias Response = Int
    public static let name = "HINCRBY"
    public var key: [UInt8]
    public var field: [UInt8]
    public var amount: Int
    public init(_ key: [UInt8], field: [UInt8], by amount: Int) {
        self.key = key
        self.field = field
        self.amount = amount
    }
    public var arguments: [[UInt8]] { [Self.nameArgument, key, field, amount.argument] }
}
