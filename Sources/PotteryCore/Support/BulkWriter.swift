public import RedisClient

/// Streams a large number of elements into one key as a windowed pipeline of a variadic command
/// (`SADD key m1 ... mN`, `HSET key f1 v1 ...`), so memory stays bounded whatever the input size:
/// pottery's own use of ``RedisPipeline``.
///
/// With `atomic`, the commands are queued inside `MULTI` and applied by `EXEC` in `finish()`, or thrown
/// away by `DISCARD` in `abort()`: the way strict input stays all-or-nothing while the client still holds
/// only a window of commands (the server holds the queue).
public final class BulkWriter {
    /// One element: a member, or a field with its value (never split across two commands).
    public struct Element: Sendable {
        var first: [UInt8]
        var second: [UInt8]?
    }

    private let pipeline: RedisPipeline<Element, PotteryError>
    private let takesPairs: Bool
    private var pendingField: [UInt8]?
    /// How many arguments (members, or fields and values) were handed in.
    public private(set) var count = 0

    /// - Parameters:
    ///   - takesPairs: the command takes field/value pairs (`HSET`): arguments come in pairs.
    ///   - elementsPerCommand: most elements (members or pairs) per command.
    public init(
        redis: RedisConnection, command: String, key: [UInt8], takesPairs: Bool = false, atomic: Bool,
        elementsPerCommand: Int = 1024
    ) {
        self.takesPairs = takesPairs
        pipeline = RedisPipeline(
            connection: redis, commandName: command, itemsPerCommand: elementsPerCommand,
            itemBytes: { $0.first.count + ($0.second?.count ?? 0) + 32 }, atomic: atomic,
            encode: { elements, output in
                output.beginCommand(argumentCount: 2 + elements.count * (takesPairs ? 2 : 1))
                output.appendArgument(command)
                output.appendArgument(key)
                for element in elements {
                    output.appendArgument(element.first)
                    if let second = element.second { output.appendArgument(second) }
                }
            },
            onReply: { (_) throws(PotteryError) in }, wrap: { PotteryError($0, key: key) })
    }

    /// Adds one argument: a member, or a field or value of a pair.
    public func add(_ argument: [UInt8]) throws(PotteryError) {
        count += 1
        guard takesPairs else {
            try pipeline.add(Element(first: argument, second: nil))
            return
        }
        guard let field = pendingField else {
            pendingField = argument
            return
        }
        pendingField = nil
        try pipeline.add(Element(first: field, second: argument))
    }

    /// Sends what is left and reads every reply; with `atomic`, runs `EXEC` and checks every result.
    public func finish() throws(PotteryError) {
        if pendingField != nil {
            abort()
            throw PotteryError(.invalidValue, "a field without a value at the end of the input")
        }
        try pipeline.finish()
    }

    /// Gives up: with `atomic`, nothing that was queued is applied.
    public func abort() { pipeline.abort() }
}
