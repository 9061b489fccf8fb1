/// Encodes commands as RESP arrays of bulk strings (`*N\r\n$len\r\narg\r\n...`) into one reusable
/// output buffer, so that a whole pipeline goes out in as few `send(2)` calls as possible.
///
/// Either encode a whole command (`append(_:)`), or write a header with `beginCommand(argumentCount:)`
/// followed by exactly that many `appendArgument` calls: the latter lets hot paths stream arguments
/// from their own storage without building an array per command.
public struct RESPCommandEncoder: Sendable {
    /// The encoded bytes not yet handed to the socket.
    public private(set) var buffer: [UInt8] = []
    /// Arguments still owed to the command begun last (checked in debug builds).
    private var owedArguments = 0

    public init(reservingCapacity capacity: Int = 16 * 1024) {
        buffer.reserveCapacity(capacity)
    }

    /// Number of encoded bytes waiting.
    public var count: Int { buffer.count }

    /// Encodes one complete command.
    public mutating func append(_ arguments: some Collection<[UInt8]>) {
        beginCommand(argumentCount: arguments.count)
        for argument in arguments { appendArgument(argument) }
    }

    /// Encodes one complete command given as strings (UTF-8).
    public mutating func append(_ arguments: [String]) {
        beginCommand(argumentCount: arguments.count)
        for argument in arguments { appendArgument(argument) }
    }

    /// Writes a command's head encoded once (``RESPCommandHead``); exactly its
    /// `remainingArguments` arguments must follow.
    public mutating func beginCommand(_ head: RESPCommandHead) {
        assert(owedArguments == 0, "previous command is missing \(owedArguments) argument(s)")
        owedArguments = head.remainingArguments
        buffer.append(contentsOf: head.bytes)
    }

    /// Writes `*count\r\n`; exactly `count` arguments must follow.
    public mutating func beginCommand(argumentCount count: Int) {
        assert(owedArguments == 0, "previous command is missing \(owedArguments) argument(s)")
        owedArguments = count
        appendLine(UInt8(ascii: "*"), count)
    }

    public mutating func appendArgument(_ bytes: [UInt8]) {
        appendHeader(bytes.count)
        buffer.append(contentsOf: bytes)
        appendCRLF()
    }

    public mutating func appendArgument(_ bytes: ArraySlice<UInt8>) {
        appendHeader(bytes.count)
        buffer.append(contentsOf: bytes)
        appendCRLF()
    }

    public mutating func appendArgument(_ bytes: UnsafeRawBufferPointer) {
        appendHeader(bytes.count)
        buffer.append(contentsOf: bytes)
        appendCRLF()
    }

    public mutating func appendArgument(_ string: String) {
        var string = string
        string.withUTF8 { utf8 in
            appendHeader(utf8.count)
            buffer.append(contentsOf: utf8)
        }
        appendCRLF()
    }

    /// An integer argument in decimal, without building a `String`.
    public mutating func appendArgument(_ value: Int) {
        appendDecimal(value)
    }

    /// Appends commands encoded earlier (by another encoder), byte for byte.
    mutating func appendEncoded(_ bytes: [UInt8]) {
        assert(owedArguments == 0, "appendEncoded in the middle of a command")
        buffer.append(contentsOf: bytes)
    }

    /// Empties the buffer, keeping a moderate capacity.
    public mutating func removeAll() {
        if buffer.capacity > 4 * 1024 * 1024 {
            buffer = []
            buffer.reserveCapacity(16 * 1024)
        } else {
            buffer.removeAll(keepingCapacity: true)
        }
        owedArguments = 0
    }

    // MARK: - Pieces

    private mutating func appendHeader(_ length: Int) {
        assert(owedArguments > 0, "argument without beginCommand(argumentCount:)")
        owedArguments -= 1
        appendLine(UInt8(ascii: "$"), length)
    }

    private mutating func appendCRLF() {
        buffer.append(cr8)
        buffer.append(lf8)
    }

    /// `marker`, `value` in decimal, CRLF: one append of at most 23 bytes.
    private mutating func appendLine(_ marker: UInt8, _ value: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { scratch in
            scratch[23] = lf8
            scratch[22] = cr8
            var index = Self.writeDecimal(value, into: scratch, endingAt: 22)
            index -= 1
            scratch[index] = marker
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[index...]))
        }
    }

    /// Writes `value` in decimal so that it ends just before `end`; returns where it starts.
    private static func writeDecimal(
        _ value: Int, into scratch: UnsafeMutableBufferPointer<UInt8>, endingAt end: Int
    )
        -> Int
    {
        var index = end
        var rest = value.magnitude
        repeat {
            index -= 1
            scratch[index] = zero8 + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        } while rest > 0
        if value < 0 {
            index -= 1
            scratch[index] = UInt8(ascii: "-")
        }
        return index
    }

    /// `value` in decimal, as a bulk string argument.
    private mutating func appendDecimal(_ value: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { scratch in
            let index = Self.writeDecimal(value, into: scratch, endingAt: 20)
            let digits = UnsafeBufferPointer(rebasing: scratch[index...])
            appendHeader(digits.count)
            buffer.append(contentsOf: digits)
        }
        appendCRLF()
    }
}

/// The first arguments of a command that a hot path sends once per item with only its last arguments
/// changing (`XADD key * item` + the item), encoded once instead of for every item.
public struct RESPCommandHead: Sendable {
    /// `*argumentCount\r\n` and the first arguments, as RESP.
    let bytes: [UInt8]
    /// Arguments owed after the head.
    let remainingArguments: Int

    /// A command of `argumentCount` arguments that starts with `first`.
    public init(argumentCount: Int, first: [[UInt8]]) {
        precondition(first.count <= argumentCount, "a command head longer than its command")
        var encoder = RESPCommandEncoder(reservingCapacity: 64)
        encoder.beginCommand(argumentCount: argumentCount)
        for argument in first { encoder.appendArgument(argument) }
        bytes = encoder.buffer
        remainingArguments = argumentCount - first.count
    }
}

private let cr8 = UInt8(ascii: "\r")
private let lf8 = UInt8(ascii: "\n")
private let zero8 = UInt8(ascii: "0")
