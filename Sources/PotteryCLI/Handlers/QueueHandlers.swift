import RedisClient
import PotteryProcess
import PotteryCore

/// `pottery queue ...`: a queue in a Redis stream, shared with pottery's `RedisSimpleQueue`.
enum QueueHandlers {
    static func queue(_ context: CommandContext) throws -> RedisSimpleQueue<StoredValue> {
        RedisSimpleQueue(key: context[QueueTable.key], redis: try context.connection())
    }

    /// Pipelined XADDs, in order; from standard input in `-j` mode inside one transaction, so that
    /// invalid input anywhere writes nothing.
    static func put(_ context: CommandContext) throws -> ExitStatus {
        let source = context[QueueTable.items]
        try context.stream(
            source, into: queue(context).bulkWriter(atomic: source == .standardInput && context.mode == .json)
        )
        return .success
    }

    static func get(_ context: CommandContext) throws -> ExitStatus {
        let wait: Double? = context[QueueTable.nowait] ? 0 : context[QueueTable.wait]?.seconds
        if context[QueueTable.follow] { return try follow(context, wait: wait) }
        if context[QueueTable.batch] != nil { throw CLIError.usage("--batch goes with --follow") }
        let source = try queue(context)
        var foreign = ForeignEntryWarning(context)
        guard let item = try source.get(timeout: wait, onTake: { foreign.note($0) }) else { return .negative }
        try context.printer.printValue(item.bytes)
        return .success
    }

    /// Items as they come, each batch flushed as soon as it is printed, so a reader such as `jq`
    /// sees every item at once; between batches, waits with XREAD BLOCK. Into a pipe or a socket,
    /// the next item is taken only once the reader has read the last batch (``OutputWriter/
    /// waitUntilRead(interrupted:)``), one item at a time unless `--batch N`: a reader that dies
    /// loses at most what it held, and other consumers share the queue. Into a file, `/dev/null` or a
    /// terminal, nothing waits for a reader, and batches double from one up to `--batch` (default
    /// 256) while a backlog lasts. Nothing is taken once the reader is gone or a signal came.
    static func follow(_ context: CommandContext, wait: Double?) throws -> ExitStatus {
        let source = try queue(context)
        let largest = context[QueueTable.batch] ?? (context.out.hasReader ? 1 : 256)
        var foreign = ForeignEntryWarning(context)
        var received = false
        var batchSize = 1
        var lostWaiting = false
        while true {
            if context.out.readerIsGone { return .brokenPipe }
            if let status = Interrupts.pendingExitStatus { return status }
            try source.redis.reopenIfBroken()
            let batch = try source.takeBatch(max: batchSize)
            foreign.note(batch)
            if !batch.items.isEmpty {
                received = true
                for item in batch.items { try context.printer.printValue(item.bytes) }
                try context.out.flush()
                if let status = context.out.waitUntilRead(interrupted: { Interrupts.pendingExitStatus }) {
                    return status
                }
                batchSize = min(batchSize * 2, largest)
                continue
            }
            batchSize = 1
            let milliseconds = wait.map { max(Int(($0 * 1000).rounded(.up)), 0) } ?? 0
            if wait != nil && milliseconds == 0 { return .answer(received) }
            let arrived: Bool
            do {
                arrived = try source.waitForItems(milliseconds: milliseconds, after: batch.position)
            } catch {
                guard !lostWaiting, lostConnection(error) else { throw error }
                lostWaiting = true
                continue
            }
            lostWaiting = false
            guard arrived else { return .answer(received) }
        }
    }

    private static func lostConnection(_ error: any Error) -> Bool {
        (error as? PotteryError)?.redisError?.kind == .connectionLost
    }

    static func clear(_ context: CommandContext) throws -> ExitStatus {
        try queue(context).clear()
        return .success
    }

    static func size(_ context: CommandContext) throws -> ExitStatus {
        try context.printer.printInteger(try queue(context).size())
        return .success
    }

    static func empty(_ context: CommandContext) throws -> ExitStatus {
        try context.answer(try queue(context).isEmpty)
    }
}

/// One warning on stderr, the first time a take passed over entries without an `item` field (someone
/// else's entries, left in the stream).
private struct ForeignEntryWarning {
    let context: CommandContext
    private var warned = false

    init(_ context: CommandContext) { self.context = context }

    mutating func note(_ batch: QueueBatch<StoredValue>) {
        guard !warned, batch.foreignEntries > 0 else { return }
        warned = true
        let entries = batch.foreignEntries == 1 ? "1 stream entry" : "\(batch.foreignEntries) stream entries"
        context.session.err.writeLine(
            "pottery: \(context.invocation.commandName) \(KeyDisplay.text(context[QueueTable.key])): warning: "
                + "passed over \(entries) without an item field, left in the stream")
    }
}
