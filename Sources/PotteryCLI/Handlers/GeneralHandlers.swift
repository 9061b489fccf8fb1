import PotteryCore

/// Commands on keys of any structure: `ping`, `keys`, `type`, `del`, `expire`, `ttl`.
enum GeneralHandlers {
    static func keyspace(_ context: CommandContext) throws -> RedisKeyspace {
        RedisKeyspace(redis: try context.connection())
    }

    static func ping(_ context: CommandContext) throws -> ExitStatus {
        context.out.writeLine(try keyspace(context).ping())
        return .success
    }

    /// Key names, one per line, as SCAN finds them (never the blocking KEYS).
    static func keys(_ context: CommandContext) throws -> ExitStatus {
        let pattern = context.invocation.arguments.first("PATTERN").map { Array($0.utf8) }
        var cursor = try keyspace(context).scan(match: pattern)
        try cursor.forEach { context.out.writeLine($0) }
        return .success
    }

    /// The Redis type at the key; `none` and status 1 when there is no key.
    static func type(_ context: CommandContext) throws -> ExitStatus {
        let type = try keyspace(context).type(of: context.key)
        context.out.writeLine(type.rawValue)
        return .answer(type != .none)
    }

    /// Deletes the keys; status 1 if any was absent.
    static func del(_ context: CommandContext) throws -> ExitStatus {
        let keys = Distinct.of(context.words("KEY").map { Array($0.utf8) })
        return .answer(try keyspace(context).delete(keys) == keys.count)
    }

    /// Sets a time to live in seconds (fractions to the millisecond); status 1 if there is no key.
    static func expire(_ context: CommandContext) throws -> ExitStatus {
        let seconds = try context.seconds(context.word("S"), what: "S")
        let milliseconds = try RedisKeyspace.milliseconds(seconds: seconds)
        return .answer(try keyspace(context).expire(Array(context.key.utf8), milliseconds: milliseconds))
    }

    /// Remaining seconds; -1 for a key without expiry; status 1 (and no output) when there is no key.
    static func ttl(_ context: CommandContext) throws -> ExitStatus {
        switch try keyspace(context).ttl(Array(context.key.utf8)) {
        case .noKey: return .negative
        case .persistent: context.printer.printInteger(-1)
        case .expiresIn(let seconds): context.printer.printInteger(seconds)
        }
        return .success
    }
}
