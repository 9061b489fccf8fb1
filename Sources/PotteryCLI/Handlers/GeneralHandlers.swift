import PotteryProcess
import PotteryCore

/// Commands on keys of any structure: `ping`, `keys`, `type`, `del`, `expire`, `ttl`.
enum GeneralHandlers {
    static func keyspace(_ context: CommandContext) throws -> RedisKeyspace {
        RedisKeyspace(redis: try context.connection())
    }

    static func ping(_ context: CommandContext) throws -> ExitStatus {
        try context.out.writeLine(try keyspace(context).ping())
        return .success
    }

    /// Key names as SCAN finds them (never the blocking KEYS): each ended by a newline, or by a NUL
    /// with `-0`; on a terminal with their control characters escaped, elsewhere exactly.
    static func keys(_ context: CommandContext) throws -> ExitStatus {
        var cursor = try keyspace(context).scan(match: context[GeneralTable.pattern])
        let out = context.out
        let terminal = out.isTerminal
        if context[GeneralTable.null] {
            try cursor.stream { name in
                try out.append { buffer in
                    if terminal {
                        KeyDisplay.appendForTerminal(name[...], to: &buffer)
                    } else {
                        buffer += name
                    }
                    buffer.append(0)
                }
            }
        } else {
            try cursor.stream { try out.writeLine(shown: $0, terminal: terminal) }
        }
        return .success
    }

    /// The Redis type at the key; `none` and status 1 when there is no key.
    static func type(_ context: CommandContext) throws -> ExitStatus {
        let type = try keyspace(context).type(of: context[GeneralTable.key])
        try context.out.writeLine(shown: Array(type.rawValue.utf8), terminal: context.out.isTerminal)
        return .answer(type != .none)
    }

    /// Deletes the keys; status 1 if any was absent.
    static func del(_ context: CommandContext) throws -> ExitStatus {
        let keys = Distinct.of(context[GeneralTable.keys])
        return .answer(try keyspace(context).delete(keys) == keys.count)
    }

    /// Sets a time to live, to the millisecond; status 1 if there is no key.
    static func expire(_ context: CommandContext) throws -> ExitStatus {
        let duration = context[GeneralTable.seconds]
        return .answer(try keyspace(context).expire(context[GeneralTable.key], milliseconds: duration.count))
    }

    static func persist(_ context: CommandContext) throws -> ExitStatus {
        .answer(try keyspace(context).persist(context[GeneralTable.key]))
    }

    /// Remaining seconds; -1 for a key without expiry; status 1 (and no output) when there is no key.
    static func ttl(_ context: CommandContext) throws -> ExitStatus {
        switch try keyspace(context).ttl(context[GeneralTable.key]) {
        case .noKey: return .negative
        case .persistent: try context.printer.printInteger(-1)
        case .expiresIn(let seconds): try context.printer.printInteger(seconds)
        }
        return .success
    }

    /// The REPL over this command's session and settings.
    static func repl(_ context: CommandContext) throws -> ExitStatus {
        Repl.open(
            dispatcher: Dispatcher(table: context.table, session: context.session), settings: context.settings
        )
    }
}
