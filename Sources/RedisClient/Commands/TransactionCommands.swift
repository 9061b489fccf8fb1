// Transactions.

/// `MULTI`: `OK`; the commands after it are queued until `EXEC`.
public struct MULTI: KeylessCommand {
    public typealias Response = RESPOK
    public static let name = "MULTI"
    public init() {}
    public var arguments: [[UInt8]] { [Self.nameArgument] }
}

/// `EXEC`: the queued commands' replies, nil when a watched key changed. Decode each with
/// `RedisBatch.Replies.decode(_:of:)` and the slot of the command queued.
public struct EXEC: KeylessCommand {
    public typealias Response = [RESPValue]?
    public static let name = "EXEC"
    /// How many commands were queued, when the transaction cannot be aborted by a WATCH: the
    /// reply must then be exactly that many results.
    public var expected: Int?
    public init(expecting expected: Int? = nil) { self.expected = expected }
    public func mismatch(_ response: [RESPValue]?) -> String? {
        guard let expected, response?.count != expected else { return nil }
        return "\(expected) results"
    }
    public var arguments: [[UInt8]] { [Self.nameArgument] }
}

/// `DISCARD`: `OK`; drops the commands queued since `MULTI`.
public struct DISCARD: KeylessCommand {
    public typealias Response = RESPOK
    public static let name = "DISCARD"
    public init() {}
    public var arguments: [[UInt8]] { [Self.nameArgument] }
}

/// `WATCH key...`: `OK`; the next `EXEC` aborts if one of the keys changes meanwhile.
public struct WATCH: RedisCommand {
    public typealias Response = RESPOK
    public static let name = "WATCH"
    public var keys: [[UInt8]]
    public init(_ keys: [[UInt8]]) { self.keys = keys }
    public var arguments: [[UInt8]] { [Self.nameArgument] + keys }
}

/// `UNWATCH`: `OK`; forgets every watched key.
public struct UNWATCH: KeylessCommand {
    public typealias Response = RESPOK
    public static let name = "UNWATCH"
    public init() {}
    public var arguments: [[UInt8]] { [Self.nameArgument] }
}
