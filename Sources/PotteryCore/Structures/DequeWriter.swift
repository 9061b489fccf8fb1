import RedisClient

/// Streams stored items onto one end of a deque as a windowed pipeline (`RedisPipeline`): plain
/// RPUSH/LPUSH batches without a bound, and with `maxlen` one script per batch that pushes and
/// trims, so the list never grows past `maxlen` plus a batch however long the input.
/// `atomic` wraps it all in MULTI/EXEC (DISCARD on `abort()`), as ``BulkWriter`` does.
public final class DequeWriter {
    /// Items per command.
    static let itemsPerCommand = 1024

    private let pipeline: RedisPipeline<[UInt8], PotteryError>

    init(redis: RedisConnection, key: [UInt8], left: Bool, maxlen: Int?, atomic: Bool) throws(PotteryError) {
        let side = left ? "LPUSH" : "RPUSH"
        let script = ListScripts.pushTrimmed
        if maxlen != nil {
            do throws(RedisError) { try redis.load(script) } catch { throw PotteryError(error, key: key) }
        }
        let sha = Array(script.sha1.utf8)
        let bound = maxlen.map { Array(String($0).utf8) }
        pipeline = RedisPipeline(
            connection: redis, commandName: maxlen == nil ? side : "EVALSHA", key: { _ in key },
            itemsPerCommand: Self.itemsPerCommand, itemBytes: { $0.count + 16 }, atomic: atomic,
            encode: { items, output in
                if let bound {
                    output.beginCommand(argumentCount: 6 + items.count)
                    output.appendArgument("EVALSHA")
                    output.appendArgument(sha)
                    output.appendArgument("1")
                    output.appendArgument(key)
                    output.appendArgument(side)
                    output.appendArgument(bound)
                } else {
                    output.beginCommand(argumentCount: 2 + items.count)
                    output.appendArgument(side)
                    output.appendArgument(key)
                }
                for item in items { output.appendArgument(item) }
            },
            onReply: { (_) throws(PotteryError) in }, wrap: { PotteryError($0, key: key) })
    }

    /// Adds one stored item.
    public func add(_ item: [UInt8]) throws(PotteryError) { try pipeline.add(item) }

    /// Sends what is left and reads every reply (with `atomic`, runs EXEC).
    public func finish() throws(PotteryError) { try pipeline.finish() }

    /// Gives up: with `atomic`, nothing queued is applied.
    public func abort() { pipeline.abort() }
}
