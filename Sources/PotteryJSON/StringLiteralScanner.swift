/// Reading JSON string literals exactly as Python's `json.loads` (strict mode) does.

/// Scans the string literal whose opening quote is at `quote`, appending its content to `out`:
/// plain printable ASCII verbatim, every other code point through `Writer`. Returns the index
/// after the closing quote. Rejects raw control characters, bad escapes and invalid UTF-8.
/// An escaped high surrogate directly followed by an escaped low surrogate is one code point;
/// any other escaped surrogate stays a lone surrogate.
@inline(__always)
func scanStringLiteral<Writer: CodePointWriter>(
    _ p: Bytes, quote: Int, into out: inout ByteWriter, as _: Writer.Type
) throws(JSONError) -> Int {
    let end = p.count
    var i = quote + 1
    var runStart = i
    while i < end {
        let b = p[i]
        if b.isPlainStringByte {
            i += 1
            continue
        }
        if i > runStart { out.append(UnsafeBufferPointer(rebasing: p[runStart..<i])) }
        if b == .quote { return i + 1 }
        if b == .backslash {
            let (cp, next) = try decodeEscape(p, i)
            Writer.write(cp, to: &out)
            i = next
        } else if b < 0x20 {
            throw .controlCharacter(at: i)
        } else if b < 0x80 {
            Writer.write(UInt32(b), to: &out)  // DEL
            i += 1
        } else {
            let (cp, length) = decodeMultibyte(p, i, surrogates: false)
            guard let cp else { throw .invalidUTF8(at: i) }
            Writer.write(cp, to: &out)
            i += length
        }
        runStart = i
    }
    throw .unterminatedString(at: quote)
}

/// Decodes the escape sequence at `i` (a backslash). Returns the code point and the index after it.
@inline(__always)
private func decodeEscape(_ p: Bytes, _ i: Int) throws(JSONError) -> (UInt32, Int) {
    guard i + 1 < p.count else { throw .unterminatedString(at: i) }
    switch p[i + 1] {
    case .quote: return (0x22, i + 2)
    case .backslash: return (0x5C, i + 2)
    case UInt8(ascii: "/"): return (0x2F, i + 2)
    case UInt8(ascii: "b"): return (0x08, i + 2)
    case UInt8(ascii: "f"): return (0x0C, i + 2)
    case UInt8(ascii: "n"): return (0x0A, i + 2)
    case UInt8(ascii: "r"): return (0x0D, i + 2)
    case UInt8(ascii: "t"): return (0x09, i + 2)
    case UInt8(ascii: "u"):
        guard let unit = hex4(p, i + 2) else { throw .invalidUnicodeEscape(at: i) }
        let next = i + 6
        if isHighSurrogate(unit) && next + 1 < p.count && p[next] == .backslash
            && p[next + 1] == UInt8(ascii: "u")
        {
            guard let low = hex4(p, next + 2) else { throw .invalidUnicodeEscape(at: next) }
            if isLowSurrogate(low) { return (combineSurrogates(unit, low), next + 6) }
        }
        return (unit, next)
    default:
        throw .invalidEscape(at: i)
    }
}
