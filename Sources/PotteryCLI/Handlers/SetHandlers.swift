import PotteryProcess
import PotteryCore

/// `pottery set ...`: a Python set in a Redis set, shared with pottery's `RedisSet`.
enum SetHandlers {
    static func set(_ context: CommandContext) throws -> RedisSet<StoredValue> {
        RedisSet(key: context[SetTable.key], redis: try context.connection())
    }

    /// Arguments go in one SADD; standard input streams in pipelined batches, inside one transaction
    /// in `-j` mode so that invalid input anywhere writes nothing.
    static func add(_ context: CommandContext) throws -> ExitStatus {
        let source = context[CommonArguments.valuesOrStdin]
        if case .arguments(let members) = source {
            try set(context).add(members.map(StoredValue.init(bytes:)))
            return .success
        }
        try context.stream(source, into: set(context).bulkWriter(atomic: context.mode == .json))
        return .success
    }

    static func remove(_ context: CommandContext) throws -> ExitStatus {
        let members = Distinct.of(context[CommonArguments.values])
        return .answer(try set(context).remove(members.map(StoredValue.init(bytes:))) == members.count)
    }

    static func discard(_ context: CommandContext) throws -> ExitStatus {
        try set(context).remove(context[CommonArguments.values].map(StoredValue.init(bytes:)))
        return .success
    }

    static func has(_ context: CommandContext) throws -> ExitStatus {
        try context.answer(try set(context).contains(StoredValue(bytes: context[CommonArguments.value])))
    }

    /// Answers in order, a batch of SMISMEMBER at a time, as the input streams.
    static func containsMany(_ context: CommandContext) throws -> ExitStatus {
        let target = try set(context)
        try context.printMembership(of: context[CommonArguments.valuesOrStdin], as: StoredValue.init(bytes:))
        {
            target.bulkChecker(onAnswer: $0)
        }
        return .success
    }

    static func len(_ context: CommandContext) throws -> ExitStatus {
        try context.printer.printInteger(try set(context).count())
        return .success
    }

    static func members(_ context: CommandContext) throws -> ExitStatus {
        var cursor = try set(context).members()
        try cursor.stream { try context.printer.printValue($0.bytes) }
        return .success
    }

    static func pop(_ context: CommandContext) throws -> ExitStatus {
        guard let member = try set(context).pop() else { return .negative }
        try context.printer.printValue(member.bytes)
        return .success
    }

    static func algebra(_ operation: SetOperation) -> CommandHandler {
        { context in
            var cursor = try set(context).members(of: operation, with: context[SetTable.others])
            try cursor.stream { try context.printer.printValue($0.bytes) }
            return .success
        }
    }

    static func isDisjoint(_ context: CommandContext) throws -> ExitStatus {
        try context.answer(try set(context).isDisjoint(with: context[SetTable.other]))
    }

    static func isSubset(_ context: CommandContext) throws -> ExitStatus {
        try context.answer(try set(context).isSubset(of: context[SetTable.other]))
    }

    static func isSuperset(_ context: CommandContext) throws -> ExitStatus {
        try context.answer(try set(context).isSuperset(of: context[SetTable.other]))
    }

    static func clear(_ context: CommandContext) throws -> ExitStatus {
        try set(context).clear()
        return .success
    }
}
