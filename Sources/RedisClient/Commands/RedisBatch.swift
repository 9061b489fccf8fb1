/// Typed commands sent in one write, every reply read before any is decoded, so that the
/// connection stays in step even when one of them failed.
///
/// ```swift
/// var batch = RedisBatch(connection)
/// let length = batch.add(HLEN(key))
/// let stats = batch.add(HMGET(statsKey, fields: names))
/// let replies = try batch.send()
/// let size = try replies[length]
/// ```
public struct RedisBatch {
    /// Where a command's reply is in the batch; decodes it as the command's response.
    public struct Slot<Command: RedisCommand> {
        public let command: Command
        public let index: Int
    }

    /// The replies of a sent batch.
    public struct Replies {
        let connection: RedisConnection
        /// Every reply, as it came (error replies included).
        public let values: [RESPValue]

        /// The reply of `slot`, decoded (an error reply thrown as the server's error).
        public subscript<Command: RedisCommand>(_ slot: Slot<Command>) -> Command.Response {
            get throws(RedisError) { try connection.decode(values[slot.index], of: slot.command) }
        }

        /// The reply of `slot` queued in a `MULTI`: `QUEUED`, or the server's error thrown (that
        /// also aborts the transaction).
        public func queued<Command: RedisCommand>(_ slot: Slot<Command>) throws(RedisError) {
            if case .error(let bytes) = values[slot.index] {
                throw RedisError(reply: bytes, server: connection.server, command: Command.fullName)
                    .sayingWhatIsNeeded(slot.command.requires)
            }
        }

        /// A reply of a command queued in a `MULTI` (one of `EXEC`'s results), decoded.
        public func decode<Command: RedisCommand>(_ value: RESPValue, of slot: Slot<Command>)
            throws(RedisError)
            -> Command.Response
        {
            try connection.decode(value, of: slot.command)
        }
    }

    public let connection: RedisConnection
    private var count = 0

    public init(_ connection: RedisConnection) {
        self.connection = connection
    }

    /// Enqueues `command`; its reply is at the returned slot once the batch is sent.
    @discardableResult
    public mutating func add<Command: RedisCommand>(_ command: Command) -> Slot<Command> {
        connection.enqueue(command)
        defer { count += 1 }
        return Slot(command: command, index: count)
    }

    /// Sends every command and reads every reply.
    public func send() throws(RedisError) -> Replies {
        try connection.flush()
        var values: [RESPValue] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try connection.readReply()) }
        return Replies(connection: connection, values: values)
    }
}
