public import RedisClient

/// Streams a large number of elements into one key as a windowed pipeline of a variadic command
/// (`SADD key m1 ... mN`, `HSET key f1 v1 ...`), so memory stays bounded whatever the input size:
/// pottery's own use of `RedisPipeline`.
///
/// With `atomic`, the commands are queued inside `MULTI` and applied by `EXEC` in `finish()`, or thrown
/// away by `DISCARD` in `abort()`: the way strict input stays all-or-nothing while the client still holds
/// only a window of commands (the server holds the queue).
public final class BulkWriter {
    /// One element: where its member (or field) and its value, if any, sit in the arena. Plain
    /// integers, so that batching an element costs no allocation and no reference counting.
    public struct Element: Sendable {
        var start: Int
        var firstCount: Int
        var secondCount: Int
    }

    /// The bytes of the elements of the batch not yet encoded; emptied (capacity kept) each time
    /// the pipeline encodes a command, which consumes the whole batch.
    private final class Arena {
        var bytes: [UInt8] = []
        var replied = 0
    }

    private let pipeline: RedisPipeline<Element, PotteryError>
    private let takesPairs: Bool
    private let arena = Arena()
    private var pendingField: Int?
    /// How many arguments (members, or fields and values) were handed in.
    public private(set) var count = 0
    /// The sum of the integer replies read so far (SADD: members added; SREM: members removed).
    public var replied: Int { arena.replied }

    /// A writer of `command key element...` commands, sent as a windowed pipeline.
    ///
    /// - Parameters:
    ///   - redis: the connection the commands go to.
    ///   - command: the command sent, e.g. `SADD` or `HSET`; its arguments are the key and the elements.
    ///   - key: the key every command names.
    ///   - takesPairs: the command takes field/value pairs (`HSET`): arguments come in pairs.
    ///   - atomic: wrap every command in one `MULTI` ... `EXEC`.
    ///   - elementsPerCommand: most elements (members or pairs) per command.
    public init(
        redis: RedisConnection, command: String, key: [UInt8], takesPairs: Bool = false, atomic: Bool,
        elementsPerCommand: Int = 1024
    ) {
        self.takesPairs = takesPairs
        let arena = self.arena
        pipeline = RedisPipeline(
            connection: redis, commandName: command, key: { _ in key }, itemsPerCommand: elementsPerCommand,
            itemBytes: { $0.firstCount + $0.secondCount + 32 }, atomic: atomic,
            encode: { elements, output in
                output.beginCommand(argumentCount: 2 + elements.count * (takesPairs ? 2 : 1))
                output.appendArgument(command)
                output.appendArgument(key)
                arena.bytes.withUnsafeBytes { bytes in
                    for element in elements {
                        let first = element.start + element.firstCount
                        output.appendArgument(UnsafeRawBufferPointer(rebasing: bytes[element.start..<first]))
                        if takesPairs {
                            output.appendArgument(
                                UnsafeRawBufferPointer(rebasing: bytes[first..<(first + element.secondCount)])
                            )
                        }
                    }
                }
                // A huge element's storage is let go rather than kept as capacity.
                if arena.bytes.capacity > 1 << 20 {
                    arena.bytes = []
                } else {
                    arena.bytes.removeAll(keepingCapacity: true)
                }
            },
            onReply: { (reply) throws(PotteryError) in
                if case .integer(let count) = reply.value { arena.replied += Int(count) }
            }, wrap: { PotteryError($0, key: key) })
    }

    /// Adds one argument: a member, or a field or value of a pair. The bytes are copied, except
    /// that an empty arena takes a large member's array itself (a 200 MB value is not copied).
    public func add(_ argument: [UInt8]) throws(PotteryError) {
        count += 1
        guard takesPairs else {
            let start = arena.bytes.count
            if start == 0 && argument.count >= 1 << 16 {
                arena.bytes = argument
            } else {
                arena.bytes.append(contentsOf: argument)
            }
            try pipeline.add(Element(start: start, firstCount: argument.count, secondCount: 0))
            return
        }
        guard let fieldStart = pendingField else {
            pendingField = arena.bytes.count
            arena.bytes.append(contentsOf: argument)
            return
        }
        pendingField = nil
        let firstCount = arena.bytes.count - fieldStart
        arena.bytes.append(contentsOf: argument)
        try pipeline.add(Element(start: fieldStart, firstCount: firstCount, secondCount: argument.count))
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
