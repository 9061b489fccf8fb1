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

    /// Writes `*count\r\n`; exactly `count` arguments must follow.
    public mutating func beginCommand(argumentCount count: Int) {
        assert(owedArguments == 0, "previous command is missing \(owedArguments) argument(s)")
        owedArguments = count
        buffer.append(UInt8(ascii: "*"))
        appendDecimal(count)
        buffer.append(cr8)
        buffer.append(lf8)
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
        appendHeader(decimalLength(value))
        appendDecimal(value)
        appendCRLF()
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
        buffer.append(UInt8(ascii: "$"))
        appendDecimal(length)
        buffer.append(cr8)
        buffer.append(lf8)
    }

    private mutating func appendCRLF() {
        buffer.append(cr8)
        buffer.append(lf8)
    }

    private func decimalLength(_ value: Int) -> Int {
        var length = value < 0 ? 2 : 1
        var rest = value.magnitude
        while rest >= 10 {
            rest /= 10
            length += 1
        }
        return length
    }

    private mutating func appendDecimal(_ value: Int) {
        if value >= 0 && value < 10 {
            buffer.append(zero8 + UInt8(value))
            return
        }
        let length = decimalLength(value)
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(zero8, count: length))
        buffer.withUnsafeMutableBufferPointer { out in
            var rest = value.magnitude
            var index = start + length - 1
            repeat {
                out[index] = zero8 + UInt8(rest % 10)
                rest /= 10
                index -= 1
            } while rest > 0
            if value < 0 { out[start] = UInt8(ascii: "-") }
        }
    }
}

private let cr8 = UInt8(ascii: "\r")
private let lf8 = UInt8(ascii: "\n")
private let zero8 = UInt8(ascii: "0")
