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
        let key = context[BloomTable.key]
        let capacity = context[BloomTable.capacity]
        let errorRate = context[BloomTable.errorRate]
        var given: BloomFilterParameters?
        if let capacity, let errorRate {
            do throws(PotteryError) {
                given = try BloomFilterParameters(capacity: capacity, errorRate: errorRate)
            } catch {
                throw CLIError.usage(error.message)
            }
        }
        let redis = try context.connection()
        let remembered = try BloomFilter<StoredValue>.rememberedParameters(key: key, redis: redis)
        let parameters: BloomFilterParameters
        switch (given, remembered) {
        case (let given?, let remembered?):
            do throws(PotteryError) {
                try BloomFilter<StoredValue>.check(given, against: remembered, key: key)
            } catch {
                throw CLIError.usage(error.message)
            }
            parameters = remembered
        case (let given?, nil):
            parameters = given
        case (nil, let remembered?):
            if let capacity, capacity != remembered.capacity {
                throw CLIError.usage(
                    "the filter was made with \(remembered), which contradicts --capacity \(capacity)")
            }
            if let errorRate, errorRate != remembered.errorRate {
                throw CLIError.usage(
                    "the filter was made with \(remembered), which contradicts --error-rate \(JSON.pythonRepr(errorRate))"
                )
            }
            parameters = remembered
        case (nil, nil):
            let missing = capacity == nil && errorRate == nil ? "" : " (both of them)"
            throw CLIError.usage(
                "no parameters are remembered for this key: pass --capacity N and --error-rate P\(missing)")
        }
        return (BloomFilter(key: key, redis: redis, parameters: parameters), remembered != nil)
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
        let printer = context.printer
        var outputFailure: CLIError?
        let checker = filter.bulkChecker { (holds) throws(PotteryError) in
            do throws(CLIError) { try printer.printBool(holds) } catch {
                outputFailure = error
                throw PotteryError(.invalidValue, error.message)
            }
        }
        do {
            try context.forEachValue(context[CommonArguments.valuesOrStdin]) { try checker.check(stored: $0) }
            try checker.finish()
        } catch {
            checker.abort()
            throw outputFailure ?? error
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
