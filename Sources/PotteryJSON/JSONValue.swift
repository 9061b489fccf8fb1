/// A JSON value as Python's json module sees it. Objects are kept canonical: members sorted by key
/// code point, keys unique (last duplicate wins at parse time).
///
/// Equality is equality of canonical text: `-0.0 != 0.0`, `NaN == NaN`, `1 != 1.0`.
///
/// Parsing, encoding, equality and hashing walk nested values with explicit stacks, never one call
/// per level; only releasing a value recurses (in the runtime), which the depth limit of parsed
/// text (995) keeps within a 512 KiB thread stack even in a debug build (tested).
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// Canonical decimal text of an integer of any size: "0", "-12", "1000000000000000000000000000000".
    case integer(String)
    /// JSON numbers with a fraction or exponent; also NaN/Infinity/-Infinity.
    case float(Double)
    case string(JSONString)
    case array([JSONValue])
    /// Sorted by key (code point order), unique keys. See `JSONValue.canonicalMembers(_:)`.
    case object([JSONMember])

    /// Compared with an explicit work list rather than recursion, so depth costs no call stack.
    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        var pending: [(JSONValue, JSONValue)] = []
        var pair = (a, b)
        while true {
            switch pair {
            case (.null, .null): break
            case let (.bool(x), .bool(y)): guard x == y else { return false }
            case let (.integer(x), .integer(y)): guard x == y else { return false }
            case let (.float(x), .float(y)):
                guard x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN) else { return false }
            case let (.string(x), .string(y)): guard x == y else { return false }
            case let (.array(x), .array(y)):
                guard x.count == y.count else { return false }
                pending.append(contentsOf: zip(x, y))
            case let (.object(x), .object(y)):
                guard x.count == y.count else { return false }
                for (m, n) in zip(x, y) {
                    guard m.key == n.key else { return false }
                    pending.append((m.value, n.value))
                }
            default: return false
            }
            guard let next = pending.popLast() else { return true }
            pair = next
        }
    }

    /// Hashes the value in pre-order with an explicit work list rather than recursion.
    public func hash(into hasher: inout Hasher) {
        var pending: [JSONValue] = []
        var value = self
        while true {
            switch value {
            case .null: hasher.combine(0)
            case .bool(let x): hasher.combine(1); hasher.combine(x)
            case .integer(let x): hasher.combine(2); hasher.combine(x)
            case .float(let x): hasher.combine(3); hasher.combine(x.isNaN ? 0x7FF8 : x.bitPattern)
            case .string(let x): hasher.combine(4); hasher.combine(x)
            case .array(let x):
                hasher.combine(5)
                hasher.combine(x.count)
                pending.append(contentsOf: x.reversed())
            case .object(let x):
                hasher.combine(6)
                hasher.combine(x.count)
                for member in x.reversed() {
                    pending.append(member.value)
                    pending.append(.string(member.key))
                }
            }
            guard let next = pending.popLast() else { return }
            value = next
        }
    }
}

/// One key and value of a JSON object.
public struct JSONMember: Sendable, Hashable {
    public var key: JSONString
    public var value: JSONValue

    public init(key: JSONString, value: JSONValue) {
        self.key = key
        self.value = value
    }
}

extension JSONValue {
    /// `members` sorted by key code point, a duplicated key keeping its last value (Python's dict).
    public static func canonicalMembers(_ members: [JSONMember]) -> [JSONMember] {
        if isCanonical(members) { return members }
        let order = members.indices.sorted { a, b in
            let c = compareBytes(members[a].key.utf8, members[b].key.utf8)
            return c < 0 || (c == 0 && a < b)
        }
        var result: [JSONMember] = []
        result.reserveCapacity(members.count)
        for (n, index) in order.enumerated() {
            if n + 1 < order.count && members[order[n + 1]].key == members[index].key { continue }
            result.append(members[index])
        }
        return result
    }

    /// An object from members in any order (sorted; a duplicated key keeps its last value).
    public static func sortedObject(_ members: [JSONMember]) -> JSONValue {
        .object(canonicalMembers(members))
    }

    /// True if keys are strictly increasing.
    static func isCanonical(_ members: [JSONMember]) -> Bool {
        var k = 1
        while k < members.count {
            if compareBytes(members[k - 1].key.utf8, members[k].key.utf8) >= 0 { return false }
            k += 1
        }
        return true
    }
}
