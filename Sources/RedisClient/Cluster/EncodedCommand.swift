/// One command as `RESPCommandEncoder` wrote it (`*N`, then `$len` and the bytes of each
/// argument), with the position of every argument, so that a router can read its name and keys
/// and send the very same bytes again after a redirection.
struct EncodedCommand: CommandArgumentList {
    /// The whole encoded command.
    let bytes: [UInt8]
    /// Where each argument's bytes are in `bytes`.
    private let ranges: [Range<Int>]

    /// Indexes one command encoded by `RESPCommandEncoder`; `nil` when `bytes` is not exactly one
    /// well-formed command (the encoder never writes such, but a router must not trap on it).
    init?(_ bytes: [UInt8]) {
        var index = 0
        guard let count = Self.number(after: UInt8(ascii: "*"), in: bytes, at: &index), count > 0 else {
            return nil
        }
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(count)
        for _ in 0..<count {
            guard let length = Self.number(after: UInt8(ascii: "$"), in: bytes, at: &index),
                length <= bytes.count - index - 2
            else { return nil }
            ranges.append(index..<(index + length))
            index += length + 2
        }
        guard index == bytes.count else { return nil }
        self.bytes = bytes
        self.ranges = ranges
    }

    var count: Int { ranges.count }

    func argument(_ index: Int) -> ArraySlice<UInt8> { bytes[ranges[index]] }

    /// The upper-case command name (the first argument).
    var name: String { CommandKeys.uppercased(argument(0)) }

    /// Reads `marker`, a non-negative decimal and CRLF at `index`, moving past them.
    private static func number(after marker: UInt8, in bytes: [UInt8], at index: inout Int) -> Int? {
        guard index < bytes.count, bytes[index] == marker else { return nil }
        var cursor = index + 1
        var value = 0
        var digits = 0
        while cursor < bytes.count, bytes[cursor] >= UInt8(ascii: "0"), bytes[cursor] <= UInt8(ascii: "9") {
            guard digits < 18 else { return nil }
            value = value * 10 + Int(bytes[cursor] - UInt8(ascii: "0"))
            digits += 1
            cursor += 1
        }
        guard digits > 0, cursor + 1 < bytes.count, bytes[cursor] == UInt8(ascii: "\r"),
            bytes[cursor + 1] == UInt8(ascii: "\n")
        else { return nil }
        index = cursor + 2
        return value
    }
}
