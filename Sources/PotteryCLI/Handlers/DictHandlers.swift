import PotteryCore

/// `pottery dict ...`: a Python dict in a Redis hash, shared with pottery's `RedisDict`.
enum DictHandlers {
    static func dict(_ context: CommandContext) throws -> RedisDict {
        RedisDict(key: KeyName.text(context[DictTable.key]), redis: try context.connection())
    }

    static func set(_ context: CommandContext) throws -> ExitStatus {
        try dict(context).set(encodedPairs: context[DictTable.pairs])
        return .success
    }

    static func get(_ context: CommandContext) throws -> ExitStatus {
        guard let value = try dict(context).value(forEncoded: context[DictTable.field]) else { return .negative }
        try context.printer.printValue(value)
        return .success
    }

    static func has(_ context: CommandContext) throws -> ExitStatus {
        try context.answer(try dict(context).contains(encoded: context[DictTable.field]))
    }

    static func del(_ context: CommandContext) throws -> ExitStatus {
        let fields = Distinct.of(context[DictTable.fields])
        let removed = try dict(context).remove(encoded: fields)
        return .answer(removed == fields.count)
    }

    static func len(_ context: CommandContext) throws -> ExitStatus {
        try context.printer.printInteger(try dict(context).count())
        return .success
    }

    static func keys(_ context: CommandContext) throws -> ExitStatus {
        try dict(context).forEachEncodedItem { field, _ in try context.printer.printValue(field) }
        return .success
    }

    static func values(_ context: CommandContext) throws -> ExitStatus {
        try dict(context).forEachEncodedItem { _, value in try context.printer.printValue(value) }
        return .success
    }

    static func items(_ context: CommandContext) throws -> ExitStatus {
        try dict(context).forEachEncodedItem { field, value in try context.printer.printPair(field, value) }
        return .success
    }

    /// Each input is an object (its members) or a `[key, value]` pair. From standard input the writes
    /// are queued in one transaction, so a bad line anywhere leaves the hash untouched.
    static func update(_ context: CommandContext) throws -> ExitStatus {
        switch context[DictTable.updates] {
        case .arguments(let texts):
            var pairs: [[UInt8]] = []
            for (index, text) in texts.enumerated() {
                try appendPairs(of: text, what: "V \(index + 1)", to: &pairs)
            }
            try dict(context).set(encodedPairs: pairs)
        case .standardInput:
            let writer = try dict(context).bulkWriter(atomic: true)
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

/// Key names are bytes; PotteryCore's handles still take text until its byte-keyed API lands.
enum KeyName {
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
