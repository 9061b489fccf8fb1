/// Python's `ensure_ascii` escaping of string content.

private let hexDigits: StaticString = "0123456789abcdef"

extension ByteWriter {
    /// Appends `\uXXXX` in lowercase hex for a code unit below 0x10000.
    @inline(__always)
    mutating func appendUnicodeEscape(_ unit: UInt32) {
        let h = hexDigits.utf8Start
        append(.backslash, UInt8(ascii: "u"))
        append(h[Int(unit >> 12 & 0xF)], h[Int(unit >> 8 & 0xF)])
        append(h[Int(unit >> 4 & 0xF)], h[Int(unit & 0xF)])
    }

    /// Appends one code point as Python's `json.dumps` (ensure_ascii=True) writes it inside a string.
    @inline(__always)
    mutating func appendEscaped(_ cp: UInt32) {
        switch cp {
        case 0x22: append(.backslash, .quote)
        case 0x5C: append(.backslash, .backslash)
        case 0x0A: append(.backslash, UInt8(ascii: "n"))
        case 0x0D: append(.backslash, UInt8(ascii: "r"))
        case 0x09: append(.backslash, UInt8(ascii: "t"))
        case 0x08: append(.backslash, UInt8(ascii: "b"))
        case 0x0C: append(.backslash, UInt8(ascii: "f"))
        case 0x20..<0x7F: append(UInt8(cp))
        case 0..<0x10000: appendUnicodeEscape(cp)
        default:
            let v = cp - 0x10000
            appendUnicodeEscape(0xD800 + (v >> 10))
            appendUnicodeEscape(0xDC00 + (v & 0x3FF))
        }
    }
}

/// Appends `"…"`: the bytes as one canonical JSON string literal. Invalid sequences become U+FFFD
/// (one per maximal invalid subpart, as Python's `errors="replace"` decodes). With `surrogates`,
/// 3-byte encoded surrogates (WTF-8) are taken as lone surrogates and escaped as `\udXXX`.
func appendStringLiteral(_ p: Bytes, surrogates: Bool, into out: inout ByteWriter) {
    out.append(.quote)
    var i = 0
    var runStart = 0
    let end = p.count
    while i < end {
        let b = p[i]
        if b.isPlainStringByte {
            i += 1
            continue
        }
        if i > runStart { out.append(UnsafeBufferPointer(rebasing: p[runStart..<i])) }
        if b < 0x80 {
            out.appendEscaped(UInt32(b))
            i += 1
        } else {
            let (cp, length) = decodeMultibyte(p, i, surrogates: surrogates)
            out.appendEscaped(cp ?? 0xFFFD)
            i += length
        }
        runStart = i
    }
    if end > runStart { out.append(UnsafeBufferPointer(rebasing: p[runStart..<end])) }
    out.append(.quote)
}
