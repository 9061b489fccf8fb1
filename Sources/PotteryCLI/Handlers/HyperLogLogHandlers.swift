import PotteryProcess
import PotteryCore

/// `pottery hll ...`: a HyperLogLog with pottery's registers (PFADD of enc(value)).
enum HyperLogLogHandlers {
    static func hll(_ context: CommandContext) throws -> HyperLogLog<StoredValue> {
        HyperLogLog(key: context[HyperLogLogTable.key], redis: try context.connection())
    }

    /// Arguments in one PFADD; standard input in pipelined PFADD batches, inside one transaction in
    /// `-j` mode so that invalid input anywhere writes nothing.
    static func add(_ context: CommandContext) throws -> ExitStatus {
        let source = context[CommonArguments.valuesOrStdin]
        if case .arguments(let values) = source {
            try hll(context).add(contentsOf: values.map(StoredValue.init(bytes:)))
            return .success
        }
        try context.stream(source, into: hll(context).bulkWriter(atomic: context.mode == .json))
        return .success
    }

    static func count(_ context: CommandContext) throws -> ExitStatus {
        try context.printer.printInteger(try hll(context).count())
        return .success
    }

    static func contains(_ context: CommandContext) throws -> ExitStatus {
        try context.answer(try hll(context).contains(StoredValue(bytes: context[CommonArguments.value])))
    }

    /// Answers in order, one script per batch of 512, as the input streams.
    static func containsMany(_ context: CommandContext) throws -> ExitStatus {
        let target = try hll(context)
        try context.printMembership(of: context[CommonArguments.valuesOrStdin], as: { $0 }) {
            target.bulkChecker(onAnswer: $0)
        }
        return .success
    }

    static func merge(_ context: CommandContext) throws -> ExitStatus {
        let destination = HyperLogLog<StoredValue>(
            key: context[HyperLogLogTable.destination], redis: try context.connection())
        try destination.merge(from: context[HyperLogLogTable.sources])
        return .success
    }

    static func clear(_ context: CommandContext) throws -> ExitStatus {
        try hll(context).clear()
        return .success
    }
}
