/// Byte-level helpers for JSON syntax.
typealias Bytes = UnsafeBufferPointer<UInt8>

extension UInt8 {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let space = UInt8(ascii: " ")
    static let minus = UInt8(ascii: "-")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")

    /// JSON whitespace as Python reads it: space, tab, LF, CR.
    @inline(__always) var isJSONWhitespace: Bool {
        self == 0x20 || self == 0x0A || self == 0x0D || self == 0x09
    }

    @inline(__always) var isDigit: Bool { self &- 0x30 < 10 }

    /// Printable ASCII that a canonical string literal holds verbatim: 0x20...0x7E but `"` and `\`.
    @inline(__always) var isPlainStringByte: Bool {
        self >= 0x20 && self < 0x7F && self != .quote && self != .backslash
    }
}

/// Index of the first non-whitespace byte at or after `i`.
@inline(__always)
func skipWhitespace(_ p: Bytes, _ i: Int) -> Int {
    var i = i
    while i < p.count && p[i].isJSONWhitespace { i += 1 }
    return i
}

/// The value of four hex digits at `i`, or nil.
@inline(__always)
func hex4(_ p: Bytes, _ i: Int) -> UInt32? {
    guard i + 4 <= p.count else { return nil }
    var v: UInt32 = 0
    for k in i..<(i + 4) {
        let b = p[k]
        let d: UInt8
        switch b {
        case 0x30...0x39: d = b &- 0x30
        case 0x61...0x66: d = b &- 0x61 &+ 10
        case 0x41...0x46: d = b &- 0x41 &+ 10
        default: return nil
        }
        v = v << 4 | UInt32(d)
    }
    return v
}

/// True if the bytes at `i` are exactly `word`.
@inline(__always)
func matches(_ p: Bytes, _ i: Int, _ word: StaticString) -> Bool {
    let n = word.utf8CodeUnitCount
    guard i + n <= p.count else { return false }
    let w = word.utf8Start
    for k in 0..<n where p[i + k] != w[k] { return false }
    return true
}
