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

/// How `appendStringLiteral` reads bytes that are not well-formed UTF-8.
enum ByteDecoding {
    /// Generalized UTF-8 (a `JSONString`): 3-byte encoded surrogates are lone surrogates, written
    /// `\udXXX`; anything else invalid becomes U+FFFD.
    case wtf8
    /// Python's `bytes.decode("utf-8", "surrogateescape")`, as `sys.argv` is decoded: strict
    /// UTF-8, and each byte that is not part of a well-formed sequence becomes U+DC00 + byte,
    /// written `\udcXX`.
    case surrogateEscape
}

/// Appends `"…"`: the bytes as one canonical JSON string literal, read as `decoding` says.
///
/// CPython's decoder reports an invalid sequence as its maximal invalid subpart (a valid lead byte
/// and the continuation bytes that still fit it), and "surrogateescape" escapes every byte of that
/// subpart separately; the bytes after it are decoded afresh. `decodeMultibyte` returns exactly
/// that subpart, so the output matches Python byte for byte.
func appendStringLiteral(_ p: Bytes, _ decoding: ByteDecoding, into out: inout ByteWriter) {
    out.append(.quote)
    var i = 0
    var runStart = 0
    let end = p.count
    let surrogates = decoding == .wtf8
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
            if let cp {
                out.appendEscaped(cp)
            } else if surrogates {
                out.appendEscaped(0xFFFD)
            } else {
                for k in i..<(i + length) { out.appendUnicodeEscape(0xDC00 | UInt32(p[k])) }
            }
            i += length
        }
        runStart = i
    }
    if end > runStart { out.append(UnsafeBufferPointer(rebasing: p[runStart..<end])) }
    out.append(.quote)
}
