/// Writing a `JSONValue` as canonical text.

/// An array or object being written: its items and the index of the next one.
private struct OpenContainer {
    var elements: [JSONValue] = []
    var members: [JSONMember] = []
    var isObject: Bool
    var next = 1
}

/// Appends the canonical text of `value`. An object whose members are out of order is written
/// sorted (a repeated key keeps its last value), so the output is canonical regardless.
/// `.integer` text is written as given: it must be canonical decimal. Nesting is tracked on an
/// explicit stack, so a deep value never deepens the call stack.
func appendCanonical(_ value: JSONValue, into out: inout ByteWriter) {
    var stack: [OpenContainer] = []
    var value = value
    while true {
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
            s.utf8.withUnsafeBufferPointer { appendStringLiteral($0, .wtf8, into: &out) }
        case .array(let elements):
            out.append(.openBracket)
            if let first = elements.first {
                stack.append(OpenContainer(elements: elements, isObject: false))
                value = first
                continue
            }
            out.append(.closeBracket)
        case .object(let members):
            out.append(.openBrace)
            let sorted = JSONValue.isCanonical(members) ? members : JSONValue.canonicalMembers(members)
            if let first = sorted.first {
                appendKey(first.key, into: &out)
                stack.append(OpenContainer(members: sorted, isObject: true))
                value = first.value
                continue
            }
            out.append(.closeBrace)
        }
        // A value was written: move to the next item of the innermost unfinished container.
        while let top = stack.indices.last {
            let next = stack[top].next
            if stack[top].isObject {
                if next < stack[top].members.count {
                    out.append(.comma, .space)
                    appendKey(stack[top].members[next].key, into: &out)
                    value = stack[top].members[next].value
                    stack[top].next += 1
                    break
                }
                out.append(.closeBrace)
            } else {
                if next < stack[top].elements.count {
                    out.append(.comma, .space)
                    value = stack[top].elements[next]
                    stack[top].next += 1
                    break
                }
                out.append(.closeBracket)
            }
            stack.removeLast()
        }
        if stack.isEmpty { return }
    }
}

/// Appends `"key": `.
private func appendKey(_ key: JSONString, into out: inout ByteWriter) {
    key.utf8.withUnsafeBufferPointer { appendStringLiteral($0, .wtf8, into: &out) }
    out.append(.colon, .space)
}
