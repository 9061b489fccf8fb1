/// Writing a `JSONValue` as canonical text.

/// Appends the canonical text of `value`. An object whose members are out of order is written
/// sorted (a repeated key keeps its last value), so the output is canonical regardless.
/// `.integer` text is written as given: it must be canonical decimal.
func appendCanonical(_ value: JSONValue, into out: inout ByteWriter) {
    switch value {
    case .null:
        out.append(ascii: "null")
    case .bool(let b):
        out.append(ascii: b ? "true" : "false")
    case .integer(var text):
        text.withUTF8 { out.append($0) }
    case .float(let d):
        appendPythonRepr(d, into: &out)
    case .string(let s):
        s.utf8.withUnsafeBufferPointer { appendStringLiteral($0, surrogates: true, into: &out) }
    case .array(let elements):
        out.append(.openBracket)
        for (n, element) in elements.enumerated() {
            if n > 0 { out.append(.comma, .space) }
            appendCanonical(element, into: &out)
        }
        out.append(.closeBracket)
    case .object(let members):
        let sorted = JSONValue.isCanonical(members) ? members : JSONValue.canonicalMembers(members)
        out.append(.openBrace)
        for (n, member) in sorted.enumerated() {
            if n > 0 { out.append(.comma, .space) }
            member.key.utf8.withUnsafeBufferPointer { appendStringLiteral($0, surrogates: true, into: &out) }
            out.append(.colon, .space)
            appendCanonical(member.value, into: &out)
        }
        out.append(.closeBrace)
    }
}
