import PotteryProcess
import PotteryCore

/// `pottery list ...`: a Python list in a Redis list, shared with pottery's `RedisList`.
enum ListHandlers {
    static func list(_ context: CommandContext) throws -> RedisList<StoredValue> {
        RedisList(key: context[ListTable.key], redis: try context.connection())
    }

    /// Arguments go in one RPUSH; standard input streams in pipelined batches, inside one
    /// transaction in `-j` mode so that invalid input anywhere writes nothing.
    static func append(_ context: CommandContext) throws -> ExitStatus {
        let source = context[CommonArguments.valuesOrStdin]
        if case .arguments(let items) = source {
            try list(context).extend(items.map(StoredValue.init(bytes:)))
            return .success
        }
        try context.stream(source, into: list(context).bulkWriter(atomic: context.mode == .json))
        return .success
    }

    static func insert(_ context: CommandContext) throws -> ExitStatus {
        try list(context).insert(
            StoredValue(bytes: context[CommonArguments.value]), at: context[ListTable.index])
        return .success
    }

    static func get(_ context: CommandContext) throws -> ExitStatus {
        switch context[ListTable.subscript_] {
        case .index(let index):
            guard let item = try list(context).item(at: index) else { return .negative }
            try context.printer.printValue(item.bytes)
        case .slice(let slice):
            var cursor = try list(context).items(in: slice)
            try cursor.stream { try context.printer.printValue($0.bytes) }
        }
        return .success
    }

    /// An index takes one value; a slice any number, from the arguments or standard input.
    static func set(_ context: CommandContext) throws -> ExitStatus {
        let source = context[CommonArguments.valuesOrStdin]
        switch context[ListTable.subscript_] {
        case .index(let index):
            guard case .arguments(let values) = source, values.count == 1 else {
                throw CLIError.usage("an INDEX takes one V (a slice takes any number, or -)")
            }
            return .answer(try list(context).set(StoredValue(bytes: values[0]), at: index))
        case .slice(let slice):
            var items: [StoredValue] = []
            try context.forEachValue(source) { items.append(StoredValue(bytes: $0)) }
            try list(context).replace(slice, with: items)
            return .success
        }
    }

    static func index(_ context: CommandContext) throws -> ExitStatus {
        let value = StoredValue(bytes: context[CommonArguments.value])
        guard
            let found = try list(context).firstIndex(
                of: value, start: context[ListTable.start], stop: context[ListTable.stop])
        else { return .negative }
        try context.printer.printInteger(found)
        return .success
    }

    static func count(_ context: CommandContext) throws -> ExitStatus {
        try context.printer.printInteger(
            try list(context).count(of: StoredValue(bytes: context[CommonArguments.value])))
        return .success
    }

    static func has(_ context: CommandContext) throws -> ExitStatus {
        try context.answer(try list(context).contains(StoredValue(bytes: context[CommonArguments.value])))
    }

    static func reverse(_ context: CommandContext) throws -> ExitStatus {
        try list(context).reverse()
        return .success
    }

    static func del(_ context: CommandContext) throws -> ExitStatus {
        switch context[ListTable.subscript_] {
        case .index(let index): return .answer(try list(context).removeItem(at: index))
        case .slice(let slice):
            try list(context).removeItems(in: slice)
            return .success
        }
    }

    static func pop(_ context: CommandContext) throws -> ExitStatus {
        guard let item = try list(context).pop(at: context[ListTable.optionalIndex]) else { return .negative }
        try context.printer.printValue(item.bytes)
        return .success
    }

    static func remove(_ context: CommandContext) throws -> ExitStatus {
        .answer(try list(context).remove(StoredValue(bytes: context[CommonArguments.value])))
    }

    static func len(_ context: CommandContext) throws -> ExitStatus {
        try context.printer.printInteger(try list(context).count())
        return .success
    }

    static func items(_ context: CommandContext) throws -> ExitStatus {
        var cursor = try list(context).items()
        try cursor.stream { try context.printer.printValue($0.bytes) }
        return .success
    }

    static func sort(_ context: CommandContext) throws -> ExitStatus {
        try list(context).sort(reverse: context[ListTable.reverse])
        return .success
    }

    static func clear(_ context: CommandContext) throws -> ExitStatus {
        try list(context).clear()
        return .success
    }
}
