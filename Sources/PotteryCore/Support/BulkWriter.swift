public import RedisClient

/// Streams a large number of items into one key as pipelined batches of a variadic command
/// (`SADD key m1 ... mN`, `HSET key f1 v1 ...`), so memory stays bounded whatever the input size.
///
/// With `atomic`, the batches are queued inside `MULTI` and applied by `EXEC` in `finish()`, or thrown
/// away by `DISCARD` in `abort()`: the way strict input stays all-or-nothing while the client still holds
/// only one batch at a time (the server holds the queue).
public final class BulkWriter {
    private let redis: RedisConnection
    private let command: String
    private let key: [UInt8]
    private let atomic: Bool
    private let argumentsPerCommand: Int
    private let bytesPerFlush: Int
    private var batch: [[UInt8]] = []
    private var batchBytes = 0
    private var unflushedBytes = 0
    private var started = false
    private var finished = false
    /// How many items (arguments) were handed in.
    public private(set) var count = 0

    /// - Parameters:
    ///   - argumentsPerCommand: arguments per command; even for commands that take pairs.
    public init(
        redis: RedisConnection, command: String, key: [UInt8], atomic: Bool,
        argumentsPerCommand: Int = 1024, bytesPerFlush: Int = 1 << 18
    ) {
        self.redis = redis
        self.command = command
        self.key = key
        self.atomic = atomic
        self.argumentsPerCommand = argumentsPerCommand
        self.bytesPerFlush = bytesPerFlush
        batch.reserveCapacity(argumentsPerCommand)
    }

    /// Adds one argument (a member, or a field or value of a pair).
    public func add(_ argument: [UInt8]) throws(PotteryError) {
        if !started {
            started = true
            if atomic { redis.enqueue([Array("MULTI".utf8)]) }
        }
        batch.append(argument)
        batchBytes += argument.count + 16
        count += 1
        if batch.count >= argumentsPerCommand || batchBytes >= bytesPerFlush { try endCommand() }
    }

    /// Sends what is left; with `atomic`, runs `EXEC` and checks every result.
    public func finish() throws(PotteryError) {
        guard !finished else { return }
        finished = true
        if !batch.isEmpty { try endCommand() }
        guard started else { return }
        if atomic { redis.enqueue([Array("EXEC".utf8)]) }
        try drain()
    }

    /// Gives up: with `atomic`, nothing that was queued is applied.
    public func abort() {
        guard !finished else { return }
        finished = true
        guard started, atomic else { return }
        batch.removeAll()
        redis.enqueue([Array("DISCARD".utf8)])
        try? drain()
    }

    private func endCommand() throws(PotteryError) {
        redis.enqueue(command: command, key: key, arguments: batch)
        unflushedBytes += batchBytes
        batch.removeAll(keepingCapacity: true)
        batchBytes = 0
        if unflushedBytes >= bytesPerFlush { try drain() }
    }

    /// Flushes and reads every pending reply, throwing the first error reply.
    private func drain() throws(PotteryError) {
        unflushedBytes = 0
        var firstError: PotteryError?
        do throws(RedisError) {
            try redis.flush()
            while redis.pendingReplies > 0 {
                let reply = try redis.readReply()
                do throws(PotteryError) {
                    let checked = try reply.checked(command, on: redis, key: key)
                    if case .array(let results?) = checked {
                        for result in results { _ = try result.checked(command, on: redis, key: key) }
                    }
                } catch {
                    if firstError == nil { firstError = error }
                }
            }
        } catch {
            throw PotteryError(error, key: key)
        }
        if let firstError { throw firstError }
    }
}
