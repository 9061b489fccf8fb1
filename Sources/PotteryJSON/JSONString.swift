/// A Python `str`: a sequence of code points that may include lone surrogates (Python's json
/// accepts `"\ud800"`). Stored as generalized UTF-8 ("WTF-8": a lone surrogate is its 3-byte
/// encoding, a surrogate pair is one 4-byte scalar), so byte order == code point order.
public struct JSONString: Sendable, Hashable, Comparable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The WTF-8 bytes. Keep them well formed (see `init(wtf8:)`) for equality to mean equal text.
    public var utf8: [UInt8]

    public init(_ string: String) {
        utf8 = Array(string.utf8)
    }

    /// Takes generalized UTF-8; invalid sequences become U+FFFD and a high surrogate followed by a
    /// low surrogate becomes the one code point they encode, so equal text means equal bytes.
    public init(wtf8: [UInt8]) {
        utf8 = wtf8.withUnsafeBufferPointer { JSONString.normalized($0) } ?? wtf8
    }

    /// Bytes already known to be well-formed WTF-8.
    init(trusted utf8: [UInt8]) {
        self.utf8 = utf8
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// The text as a Swift string (lossy: a lone surrogate becomes U+FFFD).
    public var string: String {
        utf8.withUnsafeBufferPointer { p in
            guard p.contains(0xED) else { return String(decoding: p, as: UTF8.self) }
            return withByteWriter { lossy in
                var i = 0
                while i < p.count {
                    if p[i] < 0x80 {
                        lossy.append(p[i])
                        i += 1
                        continue
                    }
                    let (cp, length) = decodeMultibyte(p, i, surrogates: true)
                    LossyUTF8Writer.write(cp ?? 0xFFFD, to: &lossy)
                    i += length
                }
                return String(decoding: lossy.bytes, as: UTF8.self)
            }
        }
    }

    public var description: String { string }

    /// Code point order (which is WTF-8 byte order).
    public static func < (a: JSONString, b: JSONString) -> Bool {
        compareBytes(a.utf8, b.utf8) < 0
    }

    /// The normalized form of `p`, or nil if it is already well formed.
    private static func normalized(_ p: Bytes) -> [UInt8]? {
        var i = 0
        while i < p.count {
            if p[i] < 0x80 {
                i += 1
                continue
            }
            let (cp, length) = decodeMultibyte(p, i, surrogates: true)
            if cp == nil || (isHighSurrogate(cp!) && lowSurrogate(p, i + length) != nil) { break }
            i += length
        }
        if i == p.count { return nil }
        return withByteWriter { out in
            out.append(UnsafeBufferPointer(rebasing: p[..<i]))
            while i < p.count {
                if p[i] < 0x80 {
                    out.append(p[i])
                    i += 1
                    continue
                }
                let (cp, length) = decodeMultibyte(p, i, surrogates: true)
                i += length
                guard let cp else {
                    out.appendReplacementCharacter()
                    continue
                }
                if isHighSurrogate(cp), let low = lowSurrogate(p, i) {
                    out.appendWTF8(combineSurrogates(cp, low))
                    i += 3
                } else {
                    out.appendWTF8(cp)
                }
            }
            return Array(out.bytes)
        }
    }

    /// The low surrogate encoded (3 bytes) at `i`, if any.
    private static func lowSurrogate(_ p: Bytes, _ i: Int) -> UInt32? {
        guard i + 3 <= p.count, p[i] == 0xED, (0xB0...0xBF).contains(p[i + 1]),
            p[i + 2] & 0xC0 == 0x80
        else { return nil }
        return 0xD000 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
    }
}

/// Lexicographic byte comparison: negative, zero or positive.
@inline(__always)
func compareBytes(_ a: [UInt8], _ b: [UInt8]) -> Int {
    a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            let n = min(a.count, b.count)
            for k in 0..<n where a[k] != b[k] { return a[k] < b[k] ? -1 : 1 }
            return a.count - b.count
        }
    }
}
