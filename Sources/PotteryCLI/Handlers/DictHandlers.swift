import PotteryCore
import PotteryJSON

/// `pottery dict ...`: a Python dict in a Redis hash, shared with pottery's `RedisDict`.
enum DictHandlers {
    static func dict(_ context: CommandContext) throws -> RedisDict<StoredValue, StoredValue> {
        RedisDict(key: context.key, redis: try context.connection())
    }

    /// Flat stored `[f1, v1, f2, v2, ...]` as pairs.
    static func pairs(_ flat: [[UInt8]]) -> [(StoredValue, StoredValue)] {
        stride(from: 0, to: flat.count - 1, by: 2).map {
            (StoredValue(bytes: flat[$0]), StoredValue(bytes: flat[$0 + 1]))
        }
    }

    static func set(_ context: CommandContext) throws -> ExitStatus {
        let pairs = try context.values("FIELD V")
        try dict(context).update(Self.pairs(pairs))
        return .success
    }

    static func get(_ context: CommandContext) throws -> ExitStatus {
        let field = try context.value("FIELD")
        guard let value = try dict(context).value(for: StoredValue(bytes: field)) else { return .negative }
        context.printer.printValue(value.bytes)
        return .success
    }

    static func has(_ context: CommandContext) throws -> ExitStatus {
        let field = try context.value("FIELD")
        return context.answer(try dict(context).contains(StoredValue(bytes: field)))
    }

    static func del(_ context: CommandContext) throws -> ExitStatus {
        let fields = Distinct.of(try context.values("FIELD"))
        let removed = try dict(context).remove(fields.map(StoredValue.init(bytes:)))
        return .answer(removed == fields.count)
    }

    static func len(_ context: CommandContext) throws -> ExitStatus {
        context.printer.printInteger(try dict(context).count())
        return .success
    }

    static func keys(_ context: CommandContext) throws -> ExitStatus {
        var cursor = try dict(context).keys()
        try cursor.forEach { context.printer.printValue($0.bytes) }
        return .success
    }

    static func values(_ context: CommandContext) throws -> ExitStatus {
        var cursor = try dict(context).values()
        try cursor.forEach { context.printer.printValue($0.bytes) }
        return .success
    }

    static func items(_ context: CommandContext) throws -> ExitStatus {
        var cursor = try dict(context).items()
        try cursor.forEach { context.printer.printPair($0.0.bytes, $0.1.bytes) }
        return .success
    }

    /// Each input is an object (its members) or a `[key, value]` pair. From standard input the writes
    /// are queued in one transaction, so a bad line anywhere leaves the hash untouched.
    static func update(_ context: CommandContext) throws -> ExitStatus {
        let target = try dict(context)
        if !context.readsStdin("V") {
            var pairs: [[UInt8]] = []
            for (index, word) in context.words("V").enumerated() {
                try appendPairs(of: Array(word.utf8), what: "argument \(index + 1)", to: &pairs)
            }
            try target.update(Self.pairs(pairs))
            return .success
        }
        let writer = target.bulkWriter(atomic: true)
        do {
            var pairs: [[UInt8]] = []
            try context.forEachInputLine { line, number in
                pairs.removeAll(keepingCapacity: true)
                try appendPairs(of: Array(line), what: "standard input line \(number)", to: &pairs)
                for item in pairs { try writer.add(item) }
            }
            try writer.finish()
        } catch {
            writer.abort()
            throw error
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

/// Removes repeated stored values, keeping the first of each, so counts of what Redis removed can be
/// compared with what was asked.
enum Distinct {
    static func of(_ values: [[UInt8]]) -> [[UInt8]] {
        var seen = Set<[UInt8]>()
        return values.filter { seen.insert($0).inserted }
    }
}
