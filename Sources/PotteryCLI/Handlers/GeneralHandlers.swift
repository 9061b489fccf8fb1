import PotteryCore

/// Commands on keys of any structure: `ping`, `keys`, `type`, `del`, `expire`, `ttl`.
enum GeneralHandlers {
    static func ping(_ context: CommandContext) throws -> ExitStatus {
        let reply = try context.connection().call([Array("PING".utf8)])
        try context.out.writeLine(reply.bytes ?? Array("PONG".utf8))
        return .success
    }

    /// Key names, one per line, as SCAN finds them (never the blocking KEYS).
    static func keys(_ context: CommandContext) throws -> ExitStatus {
        var cursor = try context.connection().scan(match: context[GeneralTable.pattern])
        while let batch = try cursor.nextBatch() {
            for name in batch { try context.out.writeLine(name) }
        }
        return .success
    }

    /// The Redis type at the key; `none` and status 1 when there is no key.
    static func type(_ context: CommandContext) throws -> ExitStatus {
        let reply = try context.connection().call([Array("TYPE".utf8), context[GeneralTable.key]])
        let name = reply.string ?? "none"
        try context.out.writeLine(name)
        return .answer(name != "none")
    }

    /// Deletes the keys; status 1 if any was absent.
    static func del(_ context: CommandContext) throws -> ExitStatus {
        let keys = Distinct.of(context[GeneralTable.keys])
        let removed = try context.connection().call([Array("DEL".utf8)] + keys).int ?? 0
        return .answer(Int(removed) == keys.count)
    }

    /// Sets a time to live, to the millisecond; status 1 if there is no key.
    static func expire(_ context: CommandContext) throws -> ExitStatus {
        let duration = context[GeneralTable.seconds]
        let reply = try context.connection().call(
            [Array("PEXPIRE".utf8), context[GeneralTable.key], Array(String(duration.count).utf8)])
        return .answer(reply.int == 1)
    }

    /// Remaining seconds; -1 for a key without expiry; status 1 (and no output) when there is no key.
    static func ttl(_ context: CommandContext) throws -> ExitStatus {
        let reply = try context.connection().call([Array("TTL".utf8), context[GeneralTable.key]])
        let seconds = reply.int ?? -2
        guard seconds != -2 else { return .negative }
        try context.printer.printInteger(seconds)
        return .success
    }
}
