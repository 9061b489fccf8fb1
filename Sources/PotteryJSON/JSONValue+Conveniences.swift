/// Constructors, literals and accessors for `JSONValue`.
extension JSONValue {
    public init(_ string: String) { self = .string(JSONString(string)) }
    public init(_ string: JSONString) { self = .string(string) }
    public init(_ int: Int) { self = .integer(String(int)) }
    public init(_ double: Double) { self = .float(double) }
    public init(_ bool: Bool) { self = .bool(bool) }

    /// The canonical text (Python's `json.dumps(value, sort_keys=True)`); ASCII.
    public var canonicalText: String { String(decoding: canonicalBytes, as: UTF8.self) }

    /// The canonical text as bytes.
    public var canonicalBytes: [UInt8] {
        var out: [UInt8] = []
        JSON.encode(self, into: &out)
        return out
    }

    public var isNull: Bool { self == .null }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The integer, if this is an integer that fits in `Int`.
    public var intValue: Int? {
        if case .integer(let text) = self { return Int(text) }
        return nil
    }

    /// A float, or an integer converted to the nearest double.
    public var doubleValue: Double? {
        switch self {
        case .float(let d): return d
        case .integer(let text): return Double(text)
        default: return nil
        }
    }

    /// The string (lossy: a lone surrogate becomes U+FFFD).
    public var stringValue: String? {
        if case .string(let s) = self { return s.string }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var objectValue: [JSONMember]? {
        if case .object(let m) = self { return m }
        return nil
    }

    /// The value of `key` in an object (binary search), or nil.
    public subscript(key: JSONString) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        var lo = 0
        var hi = members.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let c = compareBytes(members[mid].key.utf8, key.utf8)
            if c == 0 { return members[mid].value }
            if c < 0 { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    public subscript(key: String) -> JSONValue? { self[JSONString(key)] }
}

extension JSONValue: CustomStringConvertible {
    public var description: String { canonicalText }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self.init(value) }
    public init(integerLiteral value: Int) { self.init(value) }
    public init(floatLiteral value: Double) { self = .float(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }

    /// Members in any order; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (JSONString, JSONValue)...) {
        self = .sortedObject(elements.map { JSONMember(key: $0.0, value: $0.1) })
    }
}
