import PotteryProcess
import PotteryCore
import PotteryJSON

/// `pottery counter ...`: a Python `collections.Counter` in a Redis hash, shared with pottery's
/// `RedisCounter`.
enum CounterHandlers {
    static func counter(_ context: CommandContext) throws -> RedisCounter<StoredValue> {
        RedisCounter(key: context[CounterTable.key], redis: try context.connection())
    }

    static func incr(_ context: CommandContext) throws -> ExitStatus {
        let element = StoredValue(bytes: context[CounterTable.element])
        try context.printer.printInteger(
            try counter(context).increment(element, by: context[CounterTable.amount] ?? 1))
        return .success
    }

    static func set(_ context: CommandContext) throws -> ExitStatus {
        try counter(context).set(
            StoredValue(bytes: context[CounterTable.element]), count: context[CounterTable.count])
        return .success
    }

    /// The result printed as items, or with `--into DEST` stored there and its size printed.
    static func combine(_ operation: CounterOperation) -> CommandHandler {
        { context in
            let other = operation.isBinary ? context[CounterTable.other] : nil
            if let destination = context[CounterTable.into] {
                try context.printer.printInteger(
                    try counter(context).store(operation, with: other, into: destination))
                return .success
            }
            for (element, count) in try counter(context).combined(operation, with: other) {
                try context.printer.printPair(element.bytes, Array(String(count).utf8))
            }
            return .success
        }
    }

    static func update(_ context: CommandContext) throws -> ExitStatus { try count(context, sign: 1) }

    static func subtract(_ context: CommandContext) throws -> ExitStatus { try count(context, sign: -1) }

    /// Pipelined HINCRBYs; from standard input in `-j` mode inside one transaction, so that invalid
    /// input anywhere writes nothing.
    private static func count(_ context: CommandContext, sign: Int) throws -> ExitStatus {
        let source = context[CounterTable.occurrences]
        let writer = try counter(context).bulkWriter(
            atomic: source == .standardInput && context.mode == .json)
        do {
            if context[CounterTable.counts] {
                var number = 0
                try context.forEachValue(source) { mapping in
                    number += 1
                    let what = source == .standardInput ? "standard input line \(number)" : "ELEM \(number)"
                    for (element, amount) in try counts(in: mapping, what: what) {
                        let (delta, overflow) = amount.multipliedReportingOverflow(by: sign)
                        if overflow {
                            throw CLIError.invalidInput("\(what): a count of \(amount) cannot be taken away")
                        }
                        try writer.add(element, delta)
                    }
                }
            } else {
                try context.forEachValue(source) { try writer.add($0, sign) }
            }
            try writer.finish()
        } catch {
            writer.abort()
            throw error
        }
        return .success
    }

    /// The counts of one mapping input: an object's members (string elements) or an [element, n] pair.
    private static func counts(in stored: [UInt8], what: String) throws -> [([UInt8], Int)] {
        let invalid = CLIError.invalidInput("\(what) must be an object of counts or an [element, n] pair")
        switch try? JSON.parse(stored) {
        case .object(let members):
            return try members.map { member in
                guard let amount = member.value.intValue else { throw invalid }
                return (JSONValue.string(member.key).canonicalBytes, amount)
            }
        case .array(let pair) where pair.count == 2:
            guard let amount = pair[1].intValue else { throw invalid }
            return [(pair[0].canonicalBytes, amount)]
        default:
            throw invalid
        }
    }

    static func get(_ context: CommandContext) throws -> ExitStatus {
        try context.printer.printInteger(
            try counter(context).count(of: StoredValue(bytes: context[CounterTable.element])))
        return .success
    }

    static func mostCommon(_ context: CommandContext) throws -> ExitStatus {
        for (element, count) in try counter(context).mostCommon(context[CounterTable.top]) {
            try printItem(context, element, count)
        }
        return .success
    }

    static func items(_ context: CommandContext) throws -> ExitStatus {
        var cursor = try counter(context).items()
        try cursor.stream { try printItem(context, $0.0, $0.1) }
        return .success
    }

    static func elements(_ context: CommandContext) throws -> ExitStatus {
        var cursor = try counter(context).items()
        try cursor.stream { item in
            var left = item.1
            while left > 0 {
                try context.printer.printValue(item.0.bytes)
                left -= 1
            }
        }
        return .success
    }

    static func len(_ context: CommandContext) throws -> ExitStatus {
        try context.printer.printInteger(try counter(context).count())
        return .success
    }

    static func total(_ context: CommandContext) throws -> ExitStatus {
        try context.printer.printInteger(try counter(context).total())
        return .success
    }

    static func del(_ context: CommandContext) throws -> ExitStatus {
        try counter(context).remove(context[CounterTable.elements].map(StoredValue.init(bytes:)))
        return .success
    }

    static func clear(_ context: CommandContext) throws -> ExitStatus {
        try counter(context).clear()
        return .success
    }

    private static func printItem(_ context: CommandContext, _ element: StoredValue, _ count: Int) throws {
        try context.printer.printPair(element.bytes, Array(String(count).utf8))
    }
}
