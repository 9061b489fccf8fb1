import PotteryProcess
import PotteryCore
import PotteryJSON

/// `pottery cached-dict ...`: a cache in a Redis hash, shared with pottery's `CachedOrderedDict`.
enum CachedDictHandlers {
    static func cache(_ context: CommandContext) throws -> CachedOrderedDict<StoredValue, StoredValue> {
        CachedOrderedDict(
            key: context[CachedDictTable.key], redis: try context.connection(),
            ttlMilliseconds: ttl(context))
    }

    /// `--ttl S` in milliseconds, the default when absent, nil (never renewed) for 0.
    private static func ttl(_ context: CommandContext) -> Int? {
        guard let given = context[CachedDictTable.ttl] else {
            return CachedOrderedDict<StoredValue, StoredValue>.defaultTTLMilliseconds
        }
        return given.count > 0 ? given.count : nil
    }

    /// Arguments in one transaction with the renewal; standard input (`[id, value]` lines) queued in
    /// one transaction, so a bad line anywhere writes nothing, then the expiry renewed.
    static func set(_ context: CommandContext) throws -> ExitStatus {
        switch context[CachedDictTable.pairs] {
        case .arguments(let flat):
            try cache(context).update(DictHandlers.pairs(flat))
        case .standardInput:
            let target = try cache(context)
            let writer = target.bulkWriter()
            do {
                try context.forEachInputLine { line, number in
                    let (id, value) = try pair(Array(line), what: "standard input line \(number)")
                    try writer.add(id)
                    try writer.add(value)
                }
                try writer.finish()
            } catch {
                writer.abort()
                throw error
            }
            try target.renew()
        }
        return .success
    }

    static func get(_ context: CommandContext) throws -> ExitStatus {
        let ids = context[CachedDictTable.ids].map(StoredValue.init(bytes:))
        for (id, value) in zip(ids, try cache(context).values(for: ids)) {
            if let value { try context.printer.printPair(id.bytes, value.bytes) }
        }
        return .success
    }

    static func setDefault(_ context: CommandContext) throws -> ExitStatus {
        let now = try cache(context).setDefault(
            StoredValue(bytes: context[CachedDictTable.id]),
            StoredValue(bytes: context[CommonArguments.value]))
        try context.printer.printValue(now.bytes)
        return .success
    }

    static func clear(_ context: CommandContext) throws -> ExitStatus {
        try CachedOrderedDict<StoredValue, StoredValue>(
            key: context[CachedDictTable.key], redis: try context.connection(), ttlMilliseconds: nil
        ).clear()
        return .success
    }

    static func misses(_ context: CommandContext) throws -> ExitStatus {
        let missing = try cache(context).misses(context[CachedDictTable.ids].map(StoredValue.init(bytes:)))
        for id in missing { try context.printer.printValue(id.bytes) }
        return .answer(missing.isEmpty)
    }

    /// One `[id, value]` line in stored form; anything else is invalid input.
    private static func pair(_ text: [UInt8], what: String) throws(CLIError) -> ([UInt8], [UInt8]) {
        let value: JSONValue
        do {
            value = try JSON.parse(text)
        } catch {
            throw .invalidInput("\(what) is not valid JSON: \(error.message)")
        }
        guard case .array(let pair) = value, pair.count == 2 else {
            throw .invalidInput("\(what) must be an [id, value] pair")
        }
        return (pair[0].canonicalBytes, pair[1].canonicalBytes)
    }
}
