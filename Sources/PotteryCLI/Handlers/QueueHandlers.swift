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
        guard let item = try queue(context).get(timeout: wait) else { return .negative }
        try context.printer.printValue(item.bytes)
        return .success
    }

    /// Items a batch at a time, each batch flushed as soon as it is printed, so a reader such as `jq`
    /// sees every item at once; between batches, waits with XREAD BLOCK. A batch starts at one item
    /// and doubles (up to 256) while a backlog lasts and the reader keeps up (a pipe holds nothing
    /// unread), so a trickle or a slow reader is served one item at a time and a backlog drains at
    /// pipeline speed. Nothing is taken once the reader of the output is gone, and
    /// a signal ends it after the batch in hand, never with an item taken and unprinted.
    /// A follower lives long: a connection the server closed (its idle `timeout`, `CLIENT KILL`, a
    /// restart) is reopened before the next take or wait, and a wait cut by a lost connection
    /// begins again (a second loss in a row is an error); a take is never sent twice.
    static func follow(_ context: CommandContext, wait: Double?) throws -> ExitStatus {
        let source = try queue(context)
        var received = false
        var batchSize = 1
        var lostWaiting = false
        while true {
            if context.out.readerIsGone { return .brokenPipe }
            try source.redis.reopenIfBroken()
            let batch = try source.take(max: batchSize)
            if !batch.isEmpty {
                received = true
                for item in batch { try context.printer.printValue(item.bytes) }
                try context.out.flush()
                if context.out.readerCaughtUp { batchSize = min(batchSize * 2, 256) }
                continue
            }
            batchSize = 1
            if let status = Interrupts.pendingExitStatus { return status }
            let milliseconds = wait.map { max(Int(($0 * 1000).rounded(.up)), 0) } ?? 0
            if wait != nil && milliseconds == 0 { return .answer(received) }
            let arrived: Bool
            do {
                arrived = try source.waitForItems(milliseconds: milliseconds)
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

    static func size(_ context: CommandContext) throws -> ExitStatus {
        try context.printer.printInteger(try queue(context).size())
        return .success
    }

    static func empty(_ context: CommandContext) throws -> ExitStatus {
        try context.answer(try queue(context).isEmpty)
    }
}
