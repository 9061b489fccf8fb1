extension JSON {
    /// The canonical text (ASCII: Python's `json.dumps` with `ensure_ascii`) as jq and Python's
    /// `ensure_ascii=False` print it: every `\uXXXX` escape of a non-ASCII character, and every
    /// escaped surrogate pair, written as that character in UTF-8. The same JSON value, byte for
    /// byte what Python writes: `"`, `\`, the C0 control characters and lone surrogates stay
    /// escaped (DEL, U+007F, which `ensure_ascii` escapes, does not). With `keepingC1Escaped`, DEL
    /// and U+0080...U+009F stay escaped too (a terminal may act on them: U+009B is a control
    /// sequence introducer).
    public static func appendUTF8(
        ofCanonical text: UnsafeBufferPointer<UInt8>, keepingC1Escaped: Bool, into out: inout [UInt8]
    ) {
        let count = text.count
        var copied = 0  // text[..<copied] is in `out`
        var index = 0
        while index < count {
            guard text[index] == UInt8(ascii: "\\"), index + 1 < count else {
                index += 1
                continue
            }
            guard text[index + 1] == UInt8(ascii: "u"), let code = hex4(text, at: index + 2) else {
                index += 2  // `\"`, `\\`, `\n`, ...: kept
                continue
            }
            var scalar: UInt32?
            var length = 6
            switch code {
            case 0..<0x7F: break
            case 0x7F..<0xA0: if !keepingC1Escaped { scalar = code }
            case 0xD800..<0xDC00:
                if index + 11 < count, text[index + 6] == UInt8(ascii: "\\"),
                    text[index + 7] == UInt8(ascii: "u"),
                    let low = hex4(text, at: index + 8), (0xDC00..<0xE000).contains(low)
                {
                    scalar = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    length = 12
                }
            case 0xDC00..<0xE000: break  // a lone low surrogate
            default: scalar = code
            }
            if let scalar {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: text[copied..<index]))
                appendUTF8(scalar, to: &out)
                copied = index + length
            }
            index += length
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: text[copied..<count]))
    }

    /// The four hex digits at `index`, or nil.
    private static func hex4(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32? {
        guard index + 4 <= text.count else { return nil }
        var value: UInt32 = 0
        for byte in text[index..<(index + 4)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
