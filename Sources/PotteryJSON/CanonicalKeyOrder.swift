/// Ordering and sorting object members that are already written as canonical text.

/// The next code point of canonical string content at `j` (which it advances). Canonical text
/// holds printable ASCII, short escapes and `\uXXXX`; a `\uD8xx\uDCxx` pair is one code point,
/// as it was when read.
@inline(__always)
private func nextCodePoint(_ p: Bytes, _ j: inout Int, _ end: Int) -> UInt32 {
    let b = p[j]
    guard b == .backslash, j + 1 < end else {
        j += 1
        return UInt32(b)
    }
    let c = p[j + 1]
    j += 2
    switch c {
    case UInt8(ascii: "n"): return 0x0A
    case UInt8(ascii: "r"): return 0x0D
    case UInt8(ascii: "t"): return 0x09
    case UInt8(ascii: "b"): return 0x08
    case UInt8(ascii: "f"): return 0x0C
    case UInt8(ascii: "u"):
        guard j + 4 <= end, let unit = hex4(p, j) else { return UInt32(c) }
        j += 4
        if isHighSurrogate(unit) && j + 6 <= end && p[j] == .backslash && p[j + 1] == UInt8(ascii: "u"),
            let low = hex4(p, j + 2), isLowSurrogate(low)
        {
            j += 6
            return combineSurrogates(unit, low)
        }
        return unit
    default: return UInt32(c)
    }
}

/// Compares the decoded code points of two canonical string contents (ranges exclude the quotes).
func compareCanonicalKeys(_ p: Bytes, _ a: Range<Int>, _ b: Range<Int>) -> Int {
    var i = a.lowerBound
    var j = b.lowerBound
    while i < a.upperBound && j < b.upperBound {
        if p[i] == p[j] && p[i] != .backslash {
            i += 1
            j += 1
            continue
        }
        let x = nextCodePoint(p, &i, a.upperBound)
        let y = nextCodePoint(p, &j, b.upperBound)
        if x != y { return x < y ? -1 : 1 }
    }
    return (i < a.upperBound ? 1 : 0) - (j < b.upperBound ? 1 : 0)
}

/// Sorts object members in place in canonical text.
enum MemberSorter {
    private struct Member {
        var key: Range<Int>  // content, without quotes
        var end: Int
        var index: Int
    }

    /// Rewrites `out.bytes[bodyStart...]`, `count` canonical members `"k": v` joined by `", "`,
    /// in key order; of equal keys only the last is kept.
    static func sortMembers(_ out: inout ByteWriter, from bodyStart: Int, count: Int) {
        let length = out.count - bodyStart
        withUnsafeTemporaryAllocation(of: Member.self, capacity: count) { buffer in
            var members = buffer
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { body in
                _ = body.initialize(from: UnsafeBufferPointer(rebasing: out.bytes[bodyStart...]))
                let p = UnsafeBufferPointer(body)
                var j = 0
                for index in 0..<count {
                    let keyStart = j + 1
                    j = skipString(p, j)
                    let key = keyStart..<(j - 1)
                    j = skipValue(p, j + 2)
                    members.initializeElement(at: index, to: Member(key: key, end: j, index: index))
                    j += 2
                }
                members.sort { a, b in
                    let c = compareCanonicalKeys(p, a.key, b.key)
                    return c < 0 || (c == 0 && a.index < b.index)
                }
                out.truncate(to: bodyStart)
                var first = true
                for n in 0..<count {
                    if n + 1 < count && compareCanonicalKeys(p, members[n].key, members[n + 1].key) == 0 {
                        continue
                    }
                    if !first { out.append(.comma, .space) }
                    first = false
                    out.append(
                        UnsafeBufferPointer(rebasing: p[(members[n].key.lowerBound - 1)..<members[n].end]))
                }
            }
        }
    }

    /// Index after the canonical string literal starting at `j`.
    private static func skipString(_ p: Bytes, _ j: Int) -> Int {
        var j = j + 1
        while j < p.count && p[j] != .quote { j += p[j] == .backslash ? 2 : 1 }
        return j + 1
    }

    /// Index after the canonical value starting at `j`.
    private static func skipValue(_ p: Bytes, _ j: Int) -> Int {
        var j = j
        var depth = 0
        repeat {
            guard j < p.count else { return j }
            switch p[j] {
            case .quote:
                j = skipString(p, j)
            case .openBracket, .openBrace:
                depth += 1
                j += 1
            case .closeBracket, .closeBrace:
                depth -= 1
                j += 1
            default:
                if depth == 0 {
                    while j < p.count && p[j] != .comma { j += 1 }
                    return j
                }
                j += 1
            }
        } while depth > 0
        return j
    }
}
