public import RedisClient

/// Streams items into a ``RedisSimpleQueue`` as a windowed pipeline, so memory stays bounded whatever
/// the input size: up to 512 items at a time go to one script (``QueueScripts/put``) that runs
/// `XADD key * item enc(item)` for each, in input order: the same entries as one XADD per item, with
/// a fraction of the protocol work on both sides.
///
/// With `atomic`, the commands are queued inside `MULTI` and applied by `EXEC` in `finish()`, or
/// thrown away by `DISCARD` in `abort()`: strict input stays all-or-nothing.
public final class QueueWriter {
    private let pipeline: RedisPipeline<[UInt8], PotteryError>
    /// How many items were handed in.
    public var count: Int { pipeline.itemCount }

    public init(redis: RedisConnection, key: [UInt8], atomic: Bool) {
        let server = redis.server
        pipeline = RedisPipeline(
            connection: redis, commandName: "EVAL", key: { _ in key }, itemsPerCommand: 512,
            itemBytes: { $0.count + 16 }, atomic: atomic, deliversItems: false,
            encode: { items, output in
                output.beginCommand(argumentCount: 4 + items.count)
                output.appendArgument("EVAL")
                output.appendArgument(QueueScripts.put.source)
                output.appendArgument("1")
                output.appendArgument(key)
                for item in items { output.appendArgument(item) }
            },
            onReply: { (reply) throws(PotteryError) in
                guard case .integer = reply.value else {
                    throw PotteryError(
                        RedisError(
                            kind: .protocolViolation,
                            message:
                                "the queue script replied with the wrong shape: expected an integer, got \(reply.value)",
                            server: server, command: "EVAL"), key: key)
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

/// The script behind ``QueueWriter``.
extension QueueScripts {
    /// KEYS[1] the stream; ARGV the stored items, in order. One `XADD KEYS[1] * item V` each; how
    /// many. (An entry id is the server's clock: Redis 6.2 needs effects replication for that in a
    /// script, the default from 7.0.)
    static let put = RedisScript(
        """
        if redis.replicate_commands then pcall(redis.replicate_commands) end
        for i = 1, #ARGV do redis.call('XADD', KEYS[1], '*', 'item', ARGV[i]) end
        return #ARGV
        """)
}
