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
            try set(context).add(contentsOf: members.map(StoredValue.init(bytes:)))
            return .success
        }
        try context.stream(source, into: set(context).bulkWriter(atomic: context.mode == .json))
        return .success
    }

    /// Arguments go in one SREM; standard input streams in pipelined batches, each value counted.
    static func remove(_ context: CommandContext) throws -> ExitStatus {
        switch context[CommonArguments.valuesOrStdin] {
        case .arguments(let values):
            let members = Distinct.of(values)
            return .answer(
                try set(context).remove(contentsOf: members.map(StoredValue.init(bytes:))) == members.count)
        case .standardInput:
            let writer = try set(context).removalWriter()
            try context.stream(.standardInput, into: writer)
            return .answer(writer.replied == writer.count)
        }
    }

    static func discard(_ context: CommandContext) throws -> ExitStatus {
        switch context[CommonArguments.valuesOrStdin] {
        case .arguments(let values): try set(context).remove(contentsOf: values.map(StoredValue.init(bytes:)))
        case .standardInput: try context.stream(.standardInput, into: try set(context).removalWriter())
        }
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

    /// The result streamed, or with `--into DEST` stored there and its size printed.
    static func algebra(_ operation: SetOperation) -> CommandHandler {
        { context in
            try withOperands(context, one: operation == .symmetricDifference) { target, others in
                if let destination = context[SetTable.into] {
                    try context.printer.printInteger(
                        try target.store(operation, with: others, into: destination))
                    return .success
                }
                var cursor = try target.members(of: operation, with: others)
                try cursor.stream { try context.printer.printValue($0.bytes) }
                return .success
            }
        }
    }

    /// Python's `update`, `intersection_update`, `difference_update`, `symmetric_difference_update`.
    static func inPlace(_ operation: SetOperation) -> CommandHandler {
        { context in
            try withOperands(context, one: operation == .symmetricDifference) { target, others in
                try target.store(operation, with: others, into: target.keyBytes)
                return .success
            }
        }
    }

    static func isDisjoint(_ context: CommandContext) throws -> ExitStatus {
        try withOperands(context, one: true) { try context.answer(try $0.isDisjoint(with: $1[0])) }
    }

    static func isSubset(_ context: CommandContext) throws -> ExitStatus {
        try withOperands(context, one: true) { try context.answer(try $0.isSubset(of: $1[0])) }
    }

    static func isSuperset(_ context: CommandContext) throws -> ExitStatus {
        try withOperands(context, one: true) { try context.answer(try $0.isSuperset(of: $1[0])) }
    }

    /// The operands after KEY: other sets' keys (`one`: exactly one), or with `--values` one
    /// temporary set of the values given (arguments, or `-` for NDJSON on standard input). The
    /// values are read in the value mode before anything connects.
    private static func withOperands(
        _ context: CommandContext, one: Bool,
        _ body: (RedisSet<StoredValue>, [[UInt8]]) throws -> ExitStatus
    ) throws -> ExitStatus {
        let words = context[SetTable.others]
        guard context[SetTable.values] else {
            if one && words.count != 1 {
                throw CLIError.usage("one OTHER set, not \(words.count) (or --values V...)")
            }
            return try body(try set(context), words)
        }
        let source: ValueSource
        if words == [Array("-".utf8)] {
            source = .standardInput
        } else {
            var values: [[UInt8]] = []
            for (index, word) in words.enumerated() {
                let what = words.count == 1 ? "V" : "V \(index + 1)"
                values.append(try ValueReader.argument(word, mode: context.mode, what: what))
            }
            source = .arguments(values)
        }
        let target = try set(context)
        return try target.withValueSet(load: { try context.stream(source, into: $0) }) {
            try body(target, [$0])
        }
    }

    static func clear(_ context: CommandContext) throws -> ExitStatus {
        try set(context).clear()
        return .success
    }
}
