/// Canonical text of a JSON text in one pass, written straight to the output with no tree.
///
/// Scalars are validated and written as they are read; arrays are written element by element;
/// an object's members are written in input order and, only if the keys were not already
/// strictly increasing, re-sorted in place afterwards. Nesting is tracked on an explicit stack, so
/// the depth of the input never deepens the call stack.
struct Canonicalizer {
    let p: Bytes
    private var i = 0

    init(_ p: Bytes) { self.p = p }

    /// An array or object whose closing bracket has not been read yet.
    private struct OpenContainer {
        var isObject: Bool
        /// Objects: where the first member starts in the output.
        var bodyStart = 0
        /// Objects: the content (without quotes) of the last key written, in the output.
        var previousKeyStart = 0
        var previousKeyEnd = 0
        /// Objects: whether the keys so far are strictly increasing.
        var sorted = true
        /// Objects: members written so far.
        var count = 0
    }

    /// Appends the canonical text of the whole input to `out` (which is left partly written on error).
    mutating func run(into out: inout ByteWriter) throws(JSONError) {
        try withSpillStack(of: OpenContainer.self, capacity: 16) {
            (stack: inout SpillStack<OpenContainer>) throws(JSONError) in
            i = skipWhitespace(p, 0)
            try values(into: &out, stack: &stack)
        }
        i = skipWhitespace(p, i)
        guard i == p.count else { throw .extraData(at: i) }
    }

    /// Reads one value, nested containers and all.
    private mutating func values(
        into out: inout ByteWriter, stack: inout SpillStack<OpenContainer>
    ) throws(JSONError) {
        while true {
            // A value starts at `i`: a scalar, or a container that is opened (and, if empty, closed).
            guard i < p.count else { throw .expectedValue(at: i) }
            switch p[i] {
            case .openBracket, .openBrace:
                guard stack.count < JSONLimits.maxDepth else { throw .tooDeep(at: i) }
                let isObject = p[i] == .openBrace
                out.append(isObject ? .openBrace : .openBracket)
                i = skipWhitespace(p, i + 1)
                let close: UInt8 = isObject ? .closeBrace : .closeBracket
                if i < p.count && p[i] == close {
                    i += 1
                    out.append(close)
                } else {
                    stack.push(OpenContainer(isObject: isObject, bodyStart: out.count))
                    if isObject { try key(into: &out, &stack.top) }
                    continue
                }
            default:
                try scalar(into: &out)
            }
            // A value ended: continue or close the containers around it.
            while !stack.isEmpty {
                i = skipWhitespace(p, i)
                let isObject = stack.top.isObject
                guard i < p.count else {
                    throw isObject ? .expectedObjectDelimiter(at: i) : .expectedArrayDelimiter(at: i)
                }
                if p[i] == .comma {
                    out.append(.comma, .space)
                    i = skipWhitespace(p, i + 1)
                    if isObject { try key(into: &out, &stack.top) }
                    break
                }
                guard p[i] == (isObject ? .closeBrace : .closeBracket) else {
                    throw isObject ? .expectedObjectDelimiter(at: i) : .expectedArrayDelimiter(at: i)
                }
                i += 1
                let closed = stack.pop()
                if isObject && !closed.sorted {
                    MemberSorter.sortMembers(&out, from: closed.bodyStart, count: closed.count)
                }
                out.append(isObject ? .closeBrace : .closeBracket)
            }
            if stack.isEmpty { return }
        }
    }

    /// Reads an object key and its colon, writing `"key": `.
    private mutating func key(into out: inout ByteWriter, _ object: inout OpenContainer) throws(JSONError) {
        guard i < p.count && p[i] == .quote else { throw .expectedKey(at: i) }
        out.append(.quote)
        let keyStart = out.count
        i = try scanStringLiteral(p, quote: i, into: &out, as: CanonicalEscaper.self)
        let keyEnd = out.count
        out.append(.quote)
        if object.sorted && object.count > 0 {
            object.sorted =
                compareCanonicalKeys(
                    out.bytes, object.previousKeyStart..<object.previousKeyEnd, keyStart..<keyEnd) < 0
        }
        object.previousKeyStart = keyStart
        object.previousKeyEnd = keyEnd
        object.count += 1
        i = skipWhitespace(p, i)
        guard i < p.count && p[i] == .colon else { throw .expectedColon(at: i) }
        out.append(.colon, .space)
        i = skipWhitespace(p, i + 1)
    }

    /// Reads a string, number or literal.
    private mutating func scalar(into out: inout ByteWriter) throws(JSONError) {
        switch p[i] {
        case .quote:
            out.append(.quote)
            i = try scanStringLiteral(p, quote: i, into: &out, as: CanonicalEscaper.self)
            out.append(.quote)
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
}
