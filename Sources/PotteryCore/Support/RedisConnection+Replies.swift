import RedisClient

/// Calls whose replies are checked for shape: a reply of the wrong shape is a protocol violation,
/// never a default value (a `+PONG` where an integer belongs must not read as 0).
/// Temporary until RedisClient offers typed replies (`call(..., as: Int.self)`).
extension RedisConnection {
    /// One command; errors (error replies included) wrapped naming `key`.
    func run(_ arguments: [[UInt8]], key: [UInt8]?) throws(PotteryError) -> RESPValue {
        do throws(RedisError) {
            return try call(arguments)
        } catch {
            throw PotteryError(error, key: key)
        }
    }

    /// An integer reply.
    func integer(_ arguments: [[UInt8]], key: [UInt8]?) throws(PotteryError) -> Int {
        let reply = try run(arguments, key: key)
        guard case .integer(let value) = reply else {
            throw wrongShape("an integer", reply, arguments, key: key)
        }
        return Int(value)
    }

    /// An integer reply that must be 0 or 1.
    func boolean(_ arguments: [[UInt8]], key: [UInt8]?) throws(PotteryError) -> Bool {
        let reply = try run(arguments, key: key)
        guard case .integer(let value) = reply, value == 0 || value == 1 else {
            throw wrongShape("0 or 1", reply, arguments, key: key)
        }
        return value == 1
    }

    /// A bulk string reply, or nil for the null bulk string.
    func optionalBulk(_ arguments: [[UInt8]], key: [UInt8]?) throws(PotteryError) -> [UInt8]? {
        let reply = try run(arguments, key: key)
        switch reply {
        case .bulkString(let bytes): return bytes
        default: throw wrongShape("a bulk string", reply, arguments, key: key)
        }
    }

    /// A simple or bulk string reply (`+OK`, `+PONG`, `+hash`).
    func text(_ arguments: [[UInt8]], key: [UInt8]?) throws(PotteryError) -> [UInt8] {
        let reply = try run(arguments, key: key)
        switch reply {
        case .simpleString(let bytes), .bulkString(let bytes?): return bytes
        default: throw wrongShape("a string", reply, arguments, key: key)
        }
    }

    /// An array of exactly `count` integers, each 0 or 1 (SMISMEMBER).
    func booleans(_ arguments: [[UInt8]], count: Int, key: [UInt8]?) throws(PotteryError) -> [Bool] {
        try Self.booleans(from: try run(arguments, key: key), count: count) { () throws(PotteryError) in
            throw wrongShape("\(count) flags", .array(nil), arguments, key: key)
        }
    }

    /// The 0/1 flags of an array reply of exactly `count` elements, or what `fail` throws.
    static func booleans(
        from reply: RESPValue, count: Int, fail: () throws(PotteryError) -> Never
    ) throws(PotteryError) -> [Bool] {
        guard case .array(let elements?) = reply, elements.count == count else { try fail() }
        var flags: [Bool] = []
        flags.reserveCapacity(count)
        for element in elements {
            guard case .integer(let value) = element, value == 0 || value == 1 else { try fail() }
            flags.append(value == 1)
        }
        return flags
    }

    /// The protocol-violation error for a reply that is not `expected`.
    func wrongShape(_ expected: String, _ reply: RESPValue, _ arguments: [[UInt8]], key: [UInt8]?)
        -> PotteryError
    {
        let name = String(decoding: (arguments.first ?? []).prefix(32), as: UTF8.self).uppercased()
        let shown = String(String(describing: reply).prefix(60))
        return PotteryError(
            RedisError(
                kind: .protocolViolation,
                message: "\(name) replied with the wrong shape: expected \(expected), got \(shown)",
                server: server,
                command: name),
            key: key)
    }

    /// Sends `commands` in one write and reads every reply, error replies included as values, so the
    /// connection stays in step even when one of them failed.
    func pipeline(_ commands: [[[UInt8]]], key: [UInt8]?) throws(PotteryError) -> [RESPValue] {
        do throws(RedisError) {
            for command in commands { enqueue(command) }
            try flush()
            var replies: [RESPValue] = []
            replies.reserveCapacity(commands.count)
            for _ in commands { replies.append(try readReply()) }
            return replies
        } catch {
            throw PotteryError(error, key: key)
        }
    }
}

extension RESPValue {
    /// This reply, or the error it carries thrown as a ``PotteryError`` naming `command` and `key`.
    func checked(_ command: String, on connection: RedisConnection, key: [UInt8]?) throws(PotteryError)
        -> RESPValue
    {
        if case .error(let bytes) = self {
            throw PotteryError(
                RedisError(reply: bytes, server: connection.server, command: command), key: key)
        }
        return self
    }
}
