import PotteryProcess
import PotteryCore
import PotteryJSON

/// `pottery dict ...`: a Python dict in a Redis hash, shared with pottery's `RedisDict`.
enum DictHandlers {
    static func dict(_ context: CommandContext) throws -> RedisDict<StoredValue, StoredValue> {
        RedisDict(key: context[DictTable.key], redis: try context.connection())
    }

    /// Flat stored `[f1, v1, f2, v2, ...]` as pairs.
    static func pairs(_ flat: [[UInt8]]) -> [(StoredValue, StoredValue)] {
        stride(from: 0, to: flat.count - 1, by: 2).map {
            (StoredValue(bytes: flat[$0]), StoredValue(bytes: flat[$0 + 1]))
        }
    }

    static func set(_ context: CommandContext) throws -> ExitStatus {
        try dict(context).update(pairs(context[DictTable.pairs]))
        return .success
    }

    /// One field: its value, or status 1. Several: one line each, in order (HMGET), `null` where
    /// absent as Python's `dict.get` gives None. `--default V` prints V where absent, with status 0.
    static func get(_ context: CommandContext) throws -> ExitStatus {
        let fallback = try context.storedValue(of: DictTable.defaultValue)
        let fields = context[DictTable.fields].map(StoredValue.init(bytes:))
        let values = try dict(context).values(for: fields)
        let absent = fallback ?? (fields.count > 1 ? JSONValue.null.canonicalBytes : nil)
        for value in values {
            if let shown = value?.bytes ?? absent { try context.printer.printValue(shown) }
        }
        return .answer(fallback != nil || !values.contains { $0 == nil })
    }

    static func pop(_ context: CommandContext) throws -> ExitStatus {
        let fallback = context[DictTable.fallback]
        guard
            let value = try dict(context).pop(StoredValue(bytes: context[DictTable.field]))?.bytes ?? fallback
        else { return .negative }
        try context.printer.printValue(value)
        return .success
    }

    static func setDefault(_ context: CommandContext) throws -> ExitStatus {
        let now = try dict(context).setDefault(
            StoredValue(bytes: context[DictTable.field]), StoredValue(bytes: context[CommonArguments.value]))
        try context.printer.printValue(now.bytes)
        return .success
    }

    static func popItem(_ context: CommandContext) throws -> ExitStatus {
        guard let (field, value) = try dict(context).popItem() else { return .negative }
        try context.printer.printPair(field.bytes, value.bytes)
        return .success
    }

    static func has(_ context: CommandContext) throws -> ExitStatus {
        try context.answer(try dict(context).contains(StoredValue(bytes: context[DictTable.field])))
    }

    static func del(_ context: CommandContext) throws -> ExitStatus {
        let fields = Distinct.of(context[DictTable.fields])
        let removed = try dict(context).remove(contentsOf: fields.map(StoredValue.init(bytes:)))
        return .answer(removed == fields.count)
    }

    static func len(_ context: CommandContext) throws -> ExitStatus {
        try context.printer.printInteger(try dict(context).count())
        return .success
    }

    static func keys(_ context: CommandContext) throws -> ExitStatus {
        var cursor = try dict(context).keys()
        try cursor.stream { try context.printer.printValue($0.bytes) }
        return .success
    }

    static func values(_ context: CommandContext) throws -> ExitStatus {
        var cursor = try dict(context).values()
        try cursor.stream { try context.printer.printValue($0.bytes) }
        return .success
    }

    static func items(_ context: CommandContext) throws -> ExitStatus {
        var cursor = try dict(context).items()
        try cursor.stream { try context.printer.printPair($0.0.bytes, $0.1.bytes) }
        return .success
    }

    /// Each input is an object (its members) or a `[key, value]` pair. From standard input the writes
    /// are queued in one transaction, so a bad line anywhere leaves the hash untouched.
    static func update(_ context: CommandContext) throws -> ExitStatus {
        switch context[DictTable.updates] {
        case .arguments(let texts):
            var flat: [[UInt8]] = []
            for (index, text) in texts.enumerated() {
                try appendPairs(of: text, what: "V \(index + 1)", to: &flat)
            }
            try dict(context).update(pairs(flat))
        case .standardInput:
            let writer = try dict(context).bulkWriter(atomic: true)
            do {
                var flat: [[UInt8]] = []
                try context.forEachInputLine { line, number in
                    flat.removeAll(keepingCapacity: true)
                    try appendPairs(of: Array(line), what: "standard input line \(number)", to: &flat)
                    for item in flat { try writer.add(item) }
                }
                try writer.finish()
            } catch {
                writer.abort()
                throw error
            }
        }
        return .success
    }

    /// Appends stored field/value pairs for one update input; anything but an object or a pair is
    /// invalid input.
    private static func appendPairs(of text: [UInt8], what: String, to pairs: inout [[UInt8]])
        throws(CLIError)
    {
        let value: JSONValue
        do {
            value = try JSON.parse(text)
        } catch {
            throw .invalidInput("\(what) is not valid JSON: \(error.message)")
        }
        switch value {
        case .object(let members):
            for member in members {
                pairs.append(JSONValue.string(member.key).canonicalBytes)
                pairs.append(member.value.canonicalBytes)
            }
        case .array(let pair) where pair.count == 2:
            pairs.append(pair[0].canonicalBytes)
            pairs.append(pair[1].canonicalBytes)
        default:
            throw .invalidInput("\(what) must be an object or a [key, value] pair")
        }
    }

    static func clear(_ context: CommandContext) throws -> ExitStatus {
        try dict(context).clear()
        return .success
    }
}
