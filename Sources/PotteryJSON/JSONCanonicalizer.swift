/// Canonical text of a JSON text in one pass, written straight to the output with no tree.
///
/// Scalars are validated and written as they are read; arrays are written element by element;
/// an object's members are written in input order and, only if the keys were not already
/// strictly increasing, re-sorted in place afterwards.
struct Canonicalizer {
    let p: Bytes
    private var i = 0

    init(_ p: Bytes) { self.p = p }

    /// Appends the canonical text of the whole input to `out` (which is left partly written on error).
    mutating func run(into out: inout ByteWriter) throws(JSONError) {
        i = skipWhitespace(p, 0)
        try value(depth: 0, into: &out)
        i = skipWhitespace(p, i)
        guard i == p.count else { throw .extraData(at: i) }
    }

    private mutating func value(depth: Int, into out: inout ByteWriter) throws(JSONError) {
        guard i < p.count else { throw .expectedValue(at: i) }
        switch p[i] {
        case .quote:
            out.append(.quote)
            i = try scanStringLiteral(p, quote: i, into: &out, as: CanonicalEscaper.self)
            out.append(.quote)
        case .openBracket:
            try array(depth: depth + 1, into: &out)
        case .openBrace:
            try object(depth: depth + 1, into: &out)
        case UInt8(ascii: "t"): try literal("true", into: &out)
        case UInt8(ascii: "f"): try literal("false", into: &out)
        case UInt8(ascii: "n"): try literal("null", into: &out)
        case UInt8(ascii: "N"): try literal("NaN", into: &out)
        case UInt8(ascii: "I"): try literal("Infinity", into: &out)
        case .minus where matches(p, i, "-Infinity"):
            try literal("-Infinity", into: &out)
        case .minus, UInt8(ascii: "0")...UInt8(ascii: "9"):
            let token = try scanNumber(p, at: i)
            i = token.end
            appendCanonicalNumber(token, p, into: &out)
        default:
            throw .expectedValue(at: i)
        }
    }

    private mutating func literal(_ word: StaticString, into out: inout ByteWriter) throws(JSONError) {
        guard matches(p, i, word) else { throw .expectedValue(at: i) }
        i += word.utf8CodeUnitCount
        out.append(ascii: word)
    }

    private mutating func array(depth: Int, into out: inout ByteWriter) throws(JSONError) {
        guard depth <= JSONLimits.maxDepth else { throw .tooDeep(at: i) }
        out.append(.openBracket)
        i = skipWhitespace(p, i + 1)
        if i < p.count && p[i] == .closeBracket {
            i += 1
            return out.append(.closeBracket)
        }
        while true {
            try value(depth: depth, into: &out)
            i = skipWhitespace(p, i)
            guard i < p.count else { throw .expectedArrayDelimiter(at: i) }
            if p[i] == .comma {
                out.append(.comma, .space)
                i = skipWhitespace(p, i + 1)
            } else if p[i] == .closeBracket {
                i += 1
                return out.append(.closeBracket)
            } else {
                throw .expectedArrayDelimiter(at: i)
            }
        }
    }

    private mutating func object(depth: Int, into out: inout ByteWriter) throws(JSONError) {
        guard depth <= JSONLimits.maxDepth else { throw .tooDeep(at: i) }
        out.append(.openBrace)
        i = skipWhitespace(p, i + 1)
        if i < p.count && p[i] == .closeBrace {
            i += 1
            return out.append(.closeBrace)
        }
        let bodyStart = out.count
        var previousKey = 0..<0
        var sorted = true
        var count = 0
        while true {
            guard i < p.count && p[i] == .quote else { throw .expectedKey(at: i) }
            out.append(.quote)
            let keyStart = out.count
            i = try scanStringLiteral(p, quote: i, into: &out, as: CanonicalEscaper.self)
            let key = keyStart..<out.count
            out.append(.quote)
            if sorted && keyStart > bodyStart + 1 {
                sorted = compareCanonicalKeys(out.bytes, previousKey, key) < 0
            }
            previousKey = key
            count += 1
            i = skipWhitespace(p, i)
            guard i < p.count && p[i] == .colon else { throw .expectedColon(at: i) }
            out.append(.colon, .space)
            i = skipWhitespace(p, i + 1)
            try value(depth: depth, into: &out)
            i = skipWhitespace(p, i)
            guard i < p.count else { throw .expectedObjectDelimiter(at: i) }
            if p[i] == .comma {
                out.append(.comma, .space)
                i = skipWhitespace(p, i + 1)
            } else if p[i] == .closeBrace {
                i += 1
                break
            } else {
                throw .expectedObjectDelimiter(at: i)
            }
        }
        if !sorted { MemberSorter.sortMembers(&out, from: bodyStart, count: count) }
        out.append(.closeBrace)
    }
}
