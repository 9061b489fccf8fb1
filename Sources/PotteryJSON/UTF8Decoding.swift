/// UTF-8 / WTF-8 decoding and encoding of single code points.

/// Decodes the multi-byte sequence whose lead byte (>= 0x80) is at `i`.
/// With `surrogates`, 3-byte encodings of U+D800...U+DFFF are accepted (WTF-8).
/// Returns the code point and length, or nil and the length of the maximal invalid subpart
/// (the unit that Python's and Swift's decoders replace with one U+FFFD).
@inline(__always)
func decodeMultibyte(_ p: Bytes, _ i: Int, surrogates: Bool) -> (codePoint: UInt32?, length: Int) {
    let b0 = p[i]
    var need: Int
    var lo: UInt8 = 0x80
    var hi: UInt8 = 0xBF
    var cp: UInt32
    switch b0 {
    case 0xC2...0xDF: need = 1; cp = UInt32(b0 & 0x1F)
    case 0xE0: need = 2; lo = 0xA0; cp = 0
    case 0xED: need = 2; cp = 0x0D; if !surrogates { hi = 0x9F }
    case 0xE1...0xEF: need = 2; cp = UInt32(b0 & 0x0F)
    case 0xF0: need = 3; lo = 0x90; cp = 0
    case 0xF1...0xF3: need = 3; cp = UInt32(b0 & 0x07)
    case 0xF4: need = 3; hi = 0x8F; cp = 4
    default: return (nil, 1)
    }
    var j = i + 1
    while need > 0 {
        guard j < p.count else { return (nil, j - i) }
        let b = p[j]
        guard b >= lo && b <= hi else { return (nil, j - i) }
        cp = cp << 6 | UInt32(b & 0x3F)
        lo = 0x80
        hi = 0xBF
        j += 1
        need -= 1
    }
    return (cp, j - i)
}

@inline(__always) func isHighSurrogate(_ cp: UInt32) -> Bool { cp & 0xFFFF_FC00 == 0xD800 }
@inline(__always) func isLowSurrogate(_ cp: UInt32) -> Bool { cp & 0xFFFF_FC00 == 0xDC00 }
@inline(__always) func isSurrogate(_ cp: UInt32) -> Bool { cp & 0xFFFF_F800 == 0xD800 }

@inline(__always)
func combineSurrogates(_ high: UInt32, _ low: UInt32) -> UInt32 {
    0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
}

extension ByteWriter {
    /// Appends `cp` in generalized UTF-8 (a surrogate becomes its 3-byte form).
    @inline(__always)
    mutating func appendWTF8(_ cp: UInt32) {
        switch cp {
        case 0..<0x80:
            append(UInt8(cp))
        case 0x80..<0x800:
            append(UInt8(0xC0 | cp >> 6), UInt8(0x80 | cp & 0x3F))
        case 0x800..<0x10000:
            append(UInt8(0xE0 | cp >> 12))
            append(UInt8(0x80 | (cp >> 6) & 0x3F))
            append(UInt8(0x80 | cp & 0x3F))
        default:
            append(UInt8(0xF0 | cp >> 18), UInt8(0x80 | (cp >> 12) & 0x3F))
            append(UInt8(0x80 | (cp >> 6) & 0x3F), UInt8(0x80 | cp & 0x3F))
        }
    }

    /// Appends the replacement character U+FFFD in UTF-8.
    @inline(__always)
    mutating func appendReplacementCharacter() {
        append(0xEF)
        append(0xBF)
        append(0xBD)
    }
}

/// How a string scanner writes each decoded code point that is not plain printable ASCII.
protocol CodePointWriter {
    static func write(_ cp: UInt32, to out: inout ByteWriter)
}

/// Writes generalized UTF-8: lone surrogates keep their 3-byte form.
enum WTF8Writer: CodePointWriter {
    @inline(__always)
    static func write(_ cp: UInt32, to out: inout ByteWriter) { out.appendWTF8(cp) }
}

/// Writes valid UTF-8: a lone surrogate becomes U+FFFD.
enum LossyUTF8Writer: CodePointWriter {
    @inline(__always)
    static func write(_ cp: UInt32, to out: inout ByteWriter) {
        if isSurrogate(cp) { out.appendReplacementCharacter() } else { out.appendWTF8(cp) }
    }
}

/// Writes UTF-8 for output: U+DC80...U+DCFF become the byte they escape (surrogateescape in
/// reverse); any other lone surrogate becomes U+FFFD.
enum SurrogateEscapeUTF8Writer: CodePointWriter {
    @inline(__always)
    static func write(_ cp: UInt32, to out: inout ByteWriter) {
        if cp >= 0xDC80 && cp <= 0xDCFF {
            out.append(UInt8(truncatingIfNeeded: cp))
        } else {
            LossyUTF8Writer.write(cp, to: &out)
        }
    }
}

/// Writes the canonical (Python `ensure_ascii`) escaped form.
enum CanonicalEscaper: CodePointWriter {
    @inline(__always)
    static func write(_ cp: UInt32, to out: inout ByteWriter) { out.appendEscaped(cp) }
}
