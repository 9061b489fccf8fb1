/// A strict recursive-descent parser building `JSONValue` trees.
struct JSONParser {
    let p: Bytes
    var i = 0
    /// Reused for decoding each string and number.
    var scratch: ByteWriter

    init(_ p: Bytes, scratch: ByteWriter) {
        self.p = p
        self.scratch = scratch
    }

    /// One complete JSON text, optionally surrounded by whitespace.
    mutating func parseDocument() throws(JSONError) -> JSONValue {
        i = skipWhitespace(p, 0)
        let value = try parseValue(depth: 0)
        i = skipWhitespace(p, i)
        guard i == p.count else { throw .extraData(at: i) }
        return value
    }

    private mutating func parseValue(depth: Int) throws(JSONError) -> JSONValue {
        guard i < p.count else { throw .expectedValue(at: i) }
        switch p[i] {
        case .quote:
            return .string(try parseString())
        case .openBracket:
            return try parseArray(depth: depth + 1)
        case .openBrace:
            return try parseObject(depth: depth + 1)
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "N"): return try literal("NaN", .float(.nan))
        case UInt8(ascii: "I"): return try literal("Infinity", .float(.infinity))
        case .minus where matches(p, i, "-Infinity"):
            i += 9
            return .float(-.infinity)
        case .minus, UInt8(ascii: "0")...UInt8(ascii: "9"):
            let token = try scanNumber(p, at: i)
            i = token.end
            if token.isFloat { return .float(token.doubleValue(p)) }
            scratch.truncate(to: 0)
            appendCanonicalNumber(token, p, into: &scratch)
            return .integer(String(decoding: scratch.bytes, as: UTF8.self))
        default:
            throw .expectedValue(at: i)
        }
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) throws(JSONError) -> JSONValue {
        guard matches(p, i, word) else { throw .expectedValue(at: i) }
        i += word.utf8CodeUnitCount
        return value
    }

    private mutating func parseString() throws(JSONError) -> JSONString {
        scratch.truncate(to: 0)
        i = try scanStringLiteral(p, quote: i, into: &scratch, as: WTF8Writer.self)
        return JSONString(trusted: Array(scratch.bytes))
    }

    private mutating func parseArray(depth: Int) throws(JSONError) -> JSONValue {
        guard depth <= JSONLimits.maxDepth else { throw .tooDeep(at: i) }
        i = skipWhitespace(p, i + 1)
        var elements: [JSONValue] = []
        if i < p.count && p[i] == .closeBracket {
            i += 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue(depth: depth))
            i = skipWhitespace(p, i)
            guard i < p.count else { throw .expectedArrayDelimiter(at: i) }
            if p[i] == .comma {
                i = skipWhitespace(p, i + 1)
            } else if p[i] == .closeBracket {
                i += 1
                return .array(elements)
            } else {
                throw .expectedArrayDelimiter(at: i)
            }
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONError) -> JSONValue {
        guard depth <= JSONLimits.maxDepth else { throw .tooDeep(at: i) }
        i = skipWhitespace(p, i + 1)
        var members: [JSONMember] = []
        if i < p.count && p[i] == .closeBrace {
            i += 1
            return .object(members)
        }
        var sorted = true
        while true {
            guard i < p.count && p[i] == .quote else { throw .expectedKey(at: i) }
            let key = try parseString()
            i = skipWhitespace(p, i)
            guard i < p.count && p[i] == .colon else { throw .expectedColon(at: i) }
            i = skipWhitespace(p, i + 1)
            let value = try parseValue(depth: depth)
            if sorted, let last = members.last, compareBytes(last.key.utf8, key.utf8) >= 0 { sorted = false }
            members.append(JSONMember(key: key, value: value))
            i = skipWhitespace(p, i)
            guard i < p.count else { throw .expectedObjectDelimiter(at: i) }
            if p[i] == .comma {
                i = skipWhitespace(p, i + 1)
            } else if p[i] == .closeBrace {
                i += 1
                return .object(sorted ? members : JSONValue.canonicalMembers(members))
            } else {
                throw .expectedObjectDelimiter(at: i)
            }
        }
    }
}
