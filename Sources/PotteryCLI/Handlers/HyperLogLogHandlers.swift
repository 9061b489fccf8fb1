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
            try hll(context).add(values.map(StoredValue.init(bytes:)))
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
        var batch: [[UInt8]] = []
        func answerBatch() throws {
            for holds in try target.contains(stored: batch) { try context.printer.printBool(holds) }
            batch.removeAll(keepingCapacity: true)
        }
        try context.forEachValue(context[CommonArguments.valuesOrStdin]) { value in
            batch.append(value)
            if batch.count >= 512 { try answerBatch() }
        }
        try answerBatch()
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
