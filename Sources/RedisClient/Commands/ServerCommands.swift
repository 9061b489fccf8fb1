// Connection and server commands.

/// `PING`: `PONG`.
public struct PING: KeylessCommand {
    public typealias Response = [UInt8]
    public static let name = "PING"
    public init() {}
    public var arguments: [[UInt8]] { [Self.nameArgument] }
}

/// `DBSIZE`: the number of keys (on a cluster, summed over the masters).
public struct DBSIZE: KeylessCommand {
    public typealias Response = Int
    public static let name = "DBSIZE"
    public init() {}
    public var arguments: [[UInt8]] { [Self.nameArgument] }
}
