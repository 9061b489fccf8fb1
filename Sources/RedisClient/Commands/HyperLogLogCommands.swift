// HyperLogLog commands.

/// `PFADD key element...`: whether a register changed.
public struct PFADD: KeyedCommand {
    public typealias Response = Bool
    public static let name = "PFADD"
    public var key: [UInt8]
    public var elements: [[UInt8]]
    public init(_ key: [UInt8], elements: [[UInt8]]) {
        self.key = key
        self.elements = elements
    }
    public var arguments: [[UInt8]] { [Self.nameArgument, key] + elements }
}

/// `PFCOUNT key`: the approximate number of distinct elements.
public struct PFCOUNT: KeyOnlyCommand {
    public typealias Response = Int
    public static let name = "PFCOUNT"
    public var key: [UInt8]
    public init(_ key: [UInt8]) { self.key = key }
}

/// `PFMERGE destination source...`: `OK`.
public struct PFMERGE: RedisCommand {
    public typealias Response = RESPOK
    public static let name = "PFMERGE"
    public var destination: [UInt8]
    public var sources: [[UInt8]]
    public init(_ destination: [UInt8], sources: [[UInt8]]) {
        self.destination = destination
        self.sources = sources
    }
    public var keys: [[UInt8]] { [destination] + sources }
    public var arguments: [[UInt8]] { [Self.nameArgument] + keys }
}
