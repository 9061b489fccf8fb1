public import RedisClient

/// Streams items into a ``RedisSimpleQueue`` as a windowed pipeline of `XADD key * item enc(item)`,
/// one command per item in input order, so memory stays bounded whatever the input size. The
/// server does the least work this way: a script running the same XADDs costs it about a tenth more
/// (`INFO cpu`, 1 M items), so the client's share is kept small instead (the command's head is
/// encoded once).
///
/// With `atomic`, the commands are queued inside `MULTI` and applied by `EXEC` in `finish()`, or
/// thrown away by `DISCARD` in `abort()`: strict input stays all-or-nothing.
public final class QueueWriter {
    private let pipeline: RedisPipeline<[UInt8], PotteryError>
    /// How many items were handed in.
    public var count: Int { pipeline.itemCount }

    /// Streams items into the queue at `key`; with `atomic`, inside one `MULTI` ... `EXEC`.
    public init(redis: RedisConnection, key: [UInt8], atomic: Bool) {
        let server = redis.server
        let head = RESPCommandHead(
            argumentCount: 5, first: [Array("XADD".utf8), key, [UInt8(ascii: "*")], queueItemField])
        pipeline = RedisPipeline(
            connection: redis, commandName: "XADD", key: { _ in key }, itemsPerCommand: 1, atomic: atomic,
            deliversItems: false,
            encode: { items, output in
                for item in items {
                    output.beginCommand(head)
                    output.appendArgument(item)
                }
            },
            onReply: { (reply) throws(PotteryError) in
                guard case .bulkString(_?) = reply.value else {
                    throw PotteryError(
                        RedisError(
                            kind: .protocolViolation,
                            message:
                                "XADD replied with the wrong shape: expected an entry id, got \(reply.value)",
                            server: server, command: "XADD"), key: key)
                }
            },
            wrap: { PotteryError($0, key: key) })
    }

    /// Adds one stored item.
    public func add(_ item: [UInt8]) throws(PotteryError) { try pipeline.add(item) }

    /// Sends what is left and reads every reply; with `atomic`, runs `EXEC`.
    public func finish() throws(PotteryError) { try pipeline.finish() }

    /// Gives up: with `atomic`, nothing that was queued is applied.
    public func abort() { pipeline.abort() }
}
