// Stream commands.

/// `XADD key * field value`: the new entry's id.
public struct XADD: KeyedCommand {
    public typealias Response = [UInt8]
    public static let name = "XADD"
    public var key: [UInt8]
    public var field: [UInt8]
    public var value: [UInt8]
    public init(_ key: [UInt8], field: [UInt8], value: [UInt8]) {
        self.key = key
        self.field = field
        self.value = value
    }
    public var arguments: [[UInt8]] { [Self.nameArgument, key, Array("*".utf8), field, value] }
}

/// `XLEN key`: the number of entries.
public struct XLEN: KeyOnlyCommand {
    public typealias Response = Int
    public static let name = "XLEN"
    public var key: [UInt8]
    public init(_ key: [UInt8]) { self.key = key }
}

/// `XREAD COUNT n BLOCK ms STREAMS key id`: entries after `id`, waiting up to `milliseconds`
/// for one; nil when none came.
public struct XREAD: KeyedCommand {
    public typealias Response = RESPValue
    public static let name = "XREAD"
    public var key: [UInt8]
    public var after: [UInt8]
    public var count: Int
    public var milliseconds: Int
    public init(_ key: [UInt8], after: [UInt8], count: Int, blockMilliseconds milliseconds: Int) {
        self.key = key
        self.after = after
        self.count = count
        self.milliseconds = milliseconds
    }
    public var isBlocking: Bool { true }
    public var arguments: [[UInt8]] {
        [
            Self.nameArgument, Array("COUNT".utf8), count.argument, Array("BLOCK".utf8),
            milliseconds.argument,
            Array("STREAMS".utf8), key, after,
        ]
    }
}
