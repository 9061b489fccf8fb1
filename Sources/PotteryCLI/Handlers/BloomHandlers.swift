import PotteryProcess
import PotteryCore
import PotteryJSON
import RedisClient

/// `pottery bf ...`: a Bloom filter whose bitmap is pottery's `BloomFilter`'s, bit for bit.
enum BloomHandlers {
    /// The filter at KEY with its parameters: the flags, checked against the remembered ones, or
    /// the remembered ones alone. Bad or contradicting flags and no parameters at all are usage
    /// errors (exit 2) raised before anything is written; only flags that are both valid are
    /// computed before connecting.
    static func filter(_ context: CommandContext) throws -> (BloomFilter<StoredValue>, remembered: Bool) {
        let request = try usage {
            () throws(PotteryError) in
            try BloomFilterRequest(
                capacity: context[BloomTable.capacity], errorRate: context[BloomTable.errorRate])
        }
        let redis = try context.connection()
        let remembered = try BloomFilter<StoredValue>.rememberedParameters(
            key: context[BloomTable.key], redis: redis)
        let parameters = try usage { () throws(PotteryError) in
            try request.resolve(remembered: remembered, key: context[BloomTable.key])
        }
        return (
            BloomFilter(key: context[BloomTable.key], redis: redis, parameters: parameters), remembered != nil
        )
    }

    /// A refused request as a usage error (status 2), in the words of the refusal.
    private static func usage<T>(_ body: () throws(PotteryError) -> T) throws(CLIError) -> T {
        do { return try body() } catch { throw CLIError.usage(error.message) }
    }

    /// Arguments and standard input stream through one pipeline of BITFIELD batches; in `-j`
    /// mode inside MULTI/EXEC so that invalid input anywhere writes nothing. New parameters were
    /// checked against the remembered ones before anything was written, and are remembered with
    /// the bits, so that a failed write (WRONGTYPE, a server that refuses SET) leaves neither bits
    /// nor a companion key behind, and parameters another process remembered meanwhile that
    /// contradict ours are an invalid-value error (status 2) that writes nothing.
    static func add(_ context: CommandContext) throws -> ExitStatus {
        let (filter, remembered) = try filter(context)
        let source = context[CommonArguments.valuesOrStdin]
        let adder = filter.bulkAdder(
            atomic: source == .standardInput && context.mode == .json, remembering: !remembered)
        do {
            try context.forEachValue(source) { try adder.add(stored: $0) }
            try adder.finish()
        } catch {
            adder.abort()
            throw error
        }
        return .success
    }

    static func contains(_ context: CommandContext) throws -> ExitStatus {
        let (filter, _) = try filter(context)
        return try context.answer(try filter.contains(StoredValue(bytes: context[CommonArguments.value])))
    }

    /// Answers in order as they come back, while later lookups are in flight.
    static func containsMany(_ context: CommandContext) throws -> ExitStatus {
        let (filter, _) = try filter(context)
        try context.printMembership(of: context[CommonArguments.valuesOrStdin], as: { $0 }) {
            filter.bulkChecker(onAnswer: $0)
        }
        return .success
    }

    static func len(_ context: CommandContext) throws -> ExitStatus {
        let (filter, _) = try filter(context)
        guard let count = try filter.approximateCount() else { throw saturated(filter) }
        try context.printer.printInteger(count)
        return .success
    }

    static func info(_ context: CommandContext) throws -> ExitStatus {
        let (filter, remembered) = try filter(context)
        let parameters = filter.parameters
        let setBits = try filter.setBitCount()
        let count = parameters.approximateCount(setBits: setBits).map(String.init) ?? "null"
        let text =
            "{\"bits\": \(parameters.bits), \"bits_set\": \(setBits), \"capacity\": \(parameters.capacity), "
            + "\"error_rate\": \(JSON.pythonRepr(parameters.errorRate)), \"hashes\": \(parameters.hashes), "
            + "\"len\": \(count), \"remembered\": \(remembered)}"
        try context.printer.printValue(Array(text.utf8))
        return .success
    }

    static func clear(_ context: CommandContext) throws -> ExitStatus {
        try BloomFilter<StoredValue>.delete(key: context[BloomTable.key], redis: try context.connection())
        return .success
    }

    static func saturated(_ filter: BloomFilter<StoredValue>) -> PotteryError {
        PotteryError(
            .undecodable,
            "every one of the \(filter.parameters.bits) bits is set: the estimate is infinite "
                + "(pottery raises ValueError)", key: filter.keyBytes, server: filter.redis.server)
    }
}
