import PotteryProcess
import PotteryCore

/// `pottery deque ...`: a `collections.deque` in a Redis list, shared with pottery's `RedisDeque`.
enum DequeHandlers {
    static func deque(_ context: CommandContext, maxlen: Int? = nil) throws -> RedisDeque<StoredValue> {
        RedisDeque(key: context[DequeTable.key], redis: try context.connection(), maxlen: maxlen)
    }

    /// append/extend (`left` false) and appendleft/extendleft (`left` true): arguments in one
    /// trimmed push, standard input in pipelined batches (one transaction with `-j`).
    static func push(left: Bool) -> CommandHandler {
        { context in
            let target = try deque(context, maxlen: context[DequeTable.maxlen])
            let source = context[CommonArguments.valuesOrStdin]
            if case .arguments(let items) = source {
                let stored = items.map(StoredValue.init(bytes:))
                if left { try target.extendLeft(stored) } else { try target.extend(stored) }
                return .success
            }
            try context.stream(source, into: target.pushWriter(left: left, atomic: context.mode == .json))
            return .success
        }
    }

    static func pop(_ context: CommandContext) throws -> ExitStatus {
        guard let item = try deque(context).pop() else { return .negative }
        try context.printer.printValue(item.bytes)
        return .success
    }

    static func popLeft(_ context: CommandContext) throws -> ExitStatus {
        guard let item = try deque(context).popLeft() else { return .negative }
        try context.printer.printValue(item.bytes)
        return .success
    }

    static func insert(_ context: CommandContext) throws -> ExitStatus {
        try deque(context, maxlen: context[DequeTable.maxlen]).insert(
            StoredValue(bytes: context[CommonArguments.value]), at: context[DequeTable.index])
        return .success
    }

    static func rotate(_ context: CommandContext) throws -> ExitStatus {
        try deque(context).rotate(context[DequeTable.steps] ?? 1)
        return .success
    }

    static func items(_ context: CommandContext) throws -> ExitStatus {
        var cursor = try deque(context).items()
        try cursor.stream { try context.printer.printValue($0.bytes) }
        return .success
    }

    static func len(_ context: CommandContext) throws -> ExitStatus {
        try context.printer.printInteger(try deque(context).count())
        return .success
    }

    static func clear(_ context: CommandContext) throws -> ExitStatus {
        try deque(context).clear()
        return .success
    }
}
