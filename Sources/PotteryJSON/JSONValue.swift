/// A JSON value as Python's json module sees it. Objects are kept canonical: members sorted by key
/// code point, keys unique (last duplicate wins at parse time).
///
/// Equality is equality of canonical text: `-0.0 != 0.0`, `NaN == NaN`, `1 != 1.0`.
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

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.integer(x), .integer(y)): return x == y
        case let (.float(x), .float(y)): return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)): return x == y
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let x): hasher.combine(1); hasher.combine(x)
        case .integer(let x): hasher.combine(2); hasher.combine(x)
        case .float(let x): hasher.combine(3); hasher.combine(x.isNaN ? 0x7FF8 : x.bitPattern)
        case .string(let x): hasher.combine(4); hasher.combine(x)
        case .array(let x): hasher.combine(5); hasher.combine(x)
        case .object(let x): hasher.combine(6); hasher.combine(x)
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
