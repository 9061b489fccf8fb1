/// A strict parser building `JSONValue` trees. Nesting is tracked on an explicit stack, so the depth
/// of the input never deepens the call stack.
struct JSONParser {
    let p: Bytes
    var i = 0
    /// Reused for decoding each string and number.
    var scratch: ByteWriter

    init(_ p: Bytes, scratch: ByteWriter) {
        self.p = p
        self.scratch = scratch
    }

    /// An array or object whose closing bracket has not been read yet.
    private struct OpenContainer {
        var isObject: Bool
        var elements: [JSONValue] = []
        var members: [JSONMember] = []
        /// Objects: the key whose value is being read.
        var key = JSONString(trusted: [])
        /// Objects: whether the keys so far are strictly increasing.
        var sorted = true
    }

    /// One complete JSON text, optionally surrounded by whitespace.
    mutating func parseDocument() throws(JSONError) -> JSONValue {
        i = skipWhitespace(p, 0)
        var stack: [OpenContainer] = []
        while true {
            // A value starts at `i`: a scalar, or a container that is opened (and, if empty, closed).
            guard i < p.count else { throw .expectedValue(at: i) }
            var value: JSONValue
            switch p[i] {
            case .openBracket, .openBrace:
                guard stack.count < JSONLimits.maxDepth else { throw .tooDeep(at: i) }
                let isObject = p[i] == .openBrace
                i = skipWhitespace(p, i + 1)
                if i < p.count && p[i] == (isObject ? .closeBrace : .closeBracket) {
                    i += 1
                    value = isObject ? .object([]) : .array([])
                } else {
                    var container = OpenContainer(isObject: isObject)
                    if isObject { container.key = try parseKey() }
                    stack.append(container)
                    continue
                }
            default:
                value = try parseScalar()
            }
            // A value ended: add it to the innermost container, then continue or close it.
            while let top = stack.indices.last {
                let isObject = stack[top].isObject
                if isObject {
                    let key = stack[top].key
                    if stack[top].sorted, let last = stack[top].members.last,
                        compareBytes(last.key.utf8, key.utf8) >= 0
                    {
                        stack[top].sorted = false
                    }
                    stack[top].members.append(JSONMember(key: key, value: value))
                } else {
                    stack[top].elements.append(value)
                }
                i = skipWhitespace(p, i)
                guard i < p.count else {
                    throw isObject ? .expectedObjectDelimiter(at: i) : .expectedArrayDelimiter(at: i)
                }
                if p[i] == .comma {
                    i = skipWhitespace(p, i + 1)
                    if isObject { stack[top].key = try parseKey() }
                    break
                }
                guard p[i] == (isObject ? .closeBrace : .closeBracket) else {
                    throw isObject ? .expectedObjectDelimiter(at: i) : .expectedArrayDelimiter(at: i)
                }
                i += 1
                let closed = stack.removeLast()
                value =
                    isObject
                    ? .object(closed.sorted ? closed.members : JSONValue.canonicalMembers(closed.members))
                    : .array(closed.elements)
            }
            if stack.isEmpty {
                i = skipWhitespace(p, i)
                guard i == p.count else { throw .extraData(at: i) }
                return value
            }
        }
    }

    /// An object key and its colon.
    private mutating func parseKey() throws(JSONError) -> JSONString {
        guard i < p.count && p[i] == .quote else { throw .expectedKey(at: i) }
        let key = try parseString()
        i = skipWhitespace(p, i)
        guard i < p.count && p[i] == .colon else { throw .expectedColon(at: i) }
        i = skipWhitespace(p, i + 1)
        return key
    }

    private mutating func parseScalar() throws(JSONError) -> JSONValue {
        switch p[i] {
        case .quote:
            return .string(try parseString())
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
}
