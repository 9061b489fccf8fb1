// List commands.

/// `RPUSH key element...`: the new length.
public struct RPUSH: KeyedCommand {
    public typealias Response = Int
    public static let name = "RPUSH"
    public var key: [UInt8]
    public var elements: [[UInt8]]
    public init(_ key: [UInt8], elements: [[UInt8]]) {
        self.key = key
        self.elements = elements
    }
    public var arguments: [[UInt8]] { [Self.nameArgument, key] + elements }
}

/// `LPUSH key element...` (each element in turn to the head): the new length.
public struct LPUSH: KeyedCommand {
    public typealias Response = Int
    public static let name = "LPUSH"
    public var key: [UInt8]
    public var elements: [[UInt8]]
    public init(_ key: [UInt8], elements: [[UInt8]]) {
        self.key = key
        self.elements = elements
    }
    public var arguments: [[UInt8]] { [Self.nameArgument, key] + elements }
}

/// `LPOP key`: the first element removed, nil for an empty list.
public struct LPOP: KeyOnlyCommand {
    public typealias Response = [UInt8]?
    public static let name = "LPOP"
    public var key: [UInt8]
    public init(_ key: [UInt8]) { self.key = key }
}

/// `RPOP key`: the last element removed, nil for an empty list.
public struct RPOP: KeyOnlyCommand {
    public typealias Response = [UInt8]?
    public static let name = "RPOP"
    public var key: [UInt8]
    public init(_ key: [UInt8]) { self.key = key }
}

/// `LLEN key`: the length.
public struct LLEN: KeyOnlyCommand {
    public typealias Response = Int
    public static let name = "LLEN"
    public var key: [UInt8]
    public init(_ key: [UInt8]) { self.key = key }
}

/// `LINDEX key index`: the element, nil past either end.
public struct LINDEX: KeyedCommand {
    public typealias Response = [UInt8]?
    public static let name = "LINDEX"
    public var key: [UInt8]
    public var index: Int
    public init(_ key: [UInt8], index: Int) {
        self.key = key
        self.index = index
    }
    public var arguments: [[UInt8]] { [Self.nameArgument, key, index.argument] }
}

/// `LRANGE key start stop`: the elements from `start` to `stop`, both included.
public struct LRANGE: KeyedCommand {
    public typealias Response = [[UInt8]]
    public static let name = "LRANGE"
    public var key: [UInt8]
    public var start: Int
    public var stop: Int
    public init(_ key: [UInt8], start: Int, stop: Int) {
        self.key = key
        self.start = start
        self.stop = stop
    }
    public var arguments: [[UInt8]] { [Self.nameArgument, key, start.argument, stop.argument] }
}

/// `LREM key count element`: how many were removed.
public struct LREM: KeyedCommand {
    public typealias Response = Int
    public static let name = "LREM"
    public var key: [UInt8]
    public var count: Int
    public var element: [UInt8]
    public init(_ key: [UInt8], count: Int, element: [UInt8]) {
        self.key = key
        self.count = count
        self.element = element
    }
    public var arguments: [[UInt8]] { [Self.nameArgument, key, count.argument, element] }
}
