public import PotteryJSON

/// Python's `==` and `<` on JSON-decoded values (what `json.loads` gives): `True == 1 == 1.0`,
/// integers and floats compared exactly whatever their size, strings by code point, lists
/// lexicographically; `<` between `None`s, between dicts or across kinds (str and int) is Python's
/// `TypeError`, thrown as ``PotteryError/Kind/invalidValue``.
public enum PythonComparison {
    /// Python's `a == b`. NaN equals nothing.
    public static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        // Scalars without a work list: most comparisons of a sort or a search are these.
        switch (a, b) {
        case (.null, .null): return true
        case let (.string(s), .string(t)): return s == t
        case (.array, .array), (.object, .object): break
        default:
            guard let p = Number(a), let q = Number(b) else { return false }
            return Number.compare(p, q) == 0
        }
        var pending: [(JSONValue, JSONValue)] = [(a, b)]
        while let (x, y) = pending.popLast() {
            switch (x, y) {
            case (.null, .null): continue
            case let (.string(s), .string(t)): if s != t { return false }
            case let (.array(s), .array(t)):
                guard s.count == t.count else { return false }
                pending.append(contentsOf: zip(s, t))
            case let (.object(s), .object(t)):
                guard s.count == t.count else { return false }
                for (m, n) in zip(s, t) {
                    guard m.key == n.key else { return false }
                    pending.append((m.value, n.value))
                }
            default:
                guard let p = Number(x), let q = Number(y), Number.compare(p, q) == 0 else { return false }
            }
        }
        return true
    }

    /// Python's `a < b`; throws where Python raises `TypeError`.
    public static func less(_ a: JSONValue, _ b: JSONValue) throws(PotteryError) -> Bool {
        var x = a
        var y = b
        while true {
            switch (x, y) {
            case let (.string(s), .string(t)): return s < t
            case let (.array(s), .array(t)):
                guard let index = s.indices.first(where: { $0 < t.count && !equal(s[$0], t[$0]) }) else {
                    return s.count < t.count
                }
                x = s[index]
                y = t[index]
            default:
                if let p = Number(x), let q = Number(y) { return Number.compare(p, q) == -1 }
                throw PotteryError(
                    .invalidValue,
                    "'<' not supported between instances of '\(typeName(x))' and '\(typeName(y))'")
            }
        }
    }

    /// Python's type name of a decoded value.
    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: return "NoneType"
        case .bool: return "bool"
        case .integer: return "int"
        case .float: return "float"
        case .string: return "str"
        case .array: return "list"
        case .object: return "dict"
        }
    }

    /// Whether Python's equality of this value is the equality of its canonical text: no number
    /// or bool anywhere inside (where `1`, `1.0` and `true` are one value to Python).
    public static func equalityIsTextual(_ value: JSONValue) -> Bool {
        var pending = [value]
        while let next = pending.popLast() {
            switch next {
            case .null, .string: continue
            case .bool, .integer, .float: return false
            case .array(let items): pending.append(contentsOf: items)
            case .object(let members): pending.append(contentsOf: members.map(\.value))
            }
        }
        return true
    }
}

/// A Python number: a bool or int (as `Int` when it fits, else exact decimal digits) or a float.
private enum Number {
    case small(Int)
    case big(sign: Int, digits: Substring)
    case float(Double)

    init?(_ value: JSONValue) {
        switch value {
        case .bool(let flag): self = .small(flag ? 1 : 0)
        case .integer(let text): self = Int(text).map(Number.small) ?? Number.big(text)
        case .float(let double): self = .float(double)
        default: return nil
        }
    }

    static func big(_ text: String) -> Number {
        var digits = Substring(text)
        var negative = false
        if digits.first == "-" {
            negative = true
            digits = digits.dropFirst()
        }
        while digits.count > 1, digits.first == "0" { digits = digits.dropFirst() }
        if digits == "0" || digits.isEmpty { return .big(sign: 0, digits: "0") }
        return .big(sign: negative ? -1 : 1, digits: digits)
    }

    /// -1, 0 or 1; nil when unordered (NaN).
    static func compare(_ a: Number, _ b: Number) -> Int? {
        switch (a, b) {
        case let (.small(x), .small(y)): return x < y ? -1 : (x > y ? 1 : 0)
        case let (.float(x), .float(y)): return order(x, y)
        case let (.small(x), .float(y)) where x.magnitude <= 1 << 53: return order(Double(x), y)
        case let (.float(x), .small(y)) where y.magnitude <= 1 << 53: return order(x, Double(y))
        default: break
        }
        switch (exact(a), exact(b)) {
        case let (.big(s, d), .big(t, e)): return compareIntegers(s, d, t, e)
        case let (.big(s, d), .float(y)): return compareIntegerWithFloat(s, d, y)
        case let (.float(x), .big(t, e)): return compareIntegerWithFloat(t, e, x).map { -$0 }
        case let (.float(x), .float(y)): return order(x, y)
        default: return nil
        }
    }

    /// The same number with an integer as digits.
    private static func exact(_ number: Number) -> Number {
        if case .small(let value) = number { return big(String(value)) }
        return number
    }

    private static func order(_ x: Double, _ y: Double) -> Int? {
        if x.isNaN || y.isNaN { return nil }
        return x < y ? -1 : (x > y ? 1 : 0)
    }

    static func compareIntegers(_ s: Int, _ d: Substring, _ t: Int, _ e: Substring) -> Int {
        if s != t { return s < t ? -1 : 1 }
        let magnitude: Int
        if d.count != e.count {
            magnitude = d.count < e.count ? -1 : 1
        } else {
            magnitude = d == e ? 0 : (d < e ? -1 : 1)
        }
        return s < 0 ? -magnitude : magnitude
    }

    static func compareIntegerWithFloat(_ s: Int, _ d: Substring, _ y: Double) -> Int? {
        if y.isNaN { return nil }
        if y.isInfinite { return y < 0 ? 1 : -1 }
        let floor = y.rounded(.down)
        guard case .big(let t, let e) = Number.big(exactText(floor)) else { return nil }
        let order = compareIntegers(s, d, t, e)
        if order != 0 { return order }
        return floor == y ? 0 : -1
    }

    /// The exact decimal text of an integral, finite double.
    static func exactText(_ value: Double) -> String {
        if value.magnitude < 9.0e18 { return String(Int64(value)) }
        // value = significand × 2^exponent exactly, significand a 53-bit integer.
        var digits: [UInt8] = []  // little-endian decimal digits
        var significand = value.significandBitPattern | (1 << 52)
        while significand > 0 {
            digits.append(UInt8(significand % 10))
            significand /= 10
        }
        for _ in 0..<(Int(value.exponent) - 52) {
            var carry: UInt8 = 0
            for index in digits.indices {
                let doubled = digits[index] * 2 + carry
                digits[index] = doubled % 10
                carry = doubled / 10
            }
            if carry > 0 { digits.append(carry) }
        }
        let text = String(decoding: digits.reversed().map { $0 + 0x30 }, as: UTF8.self)
        return value < 0 ? "-" + text : text
    }
}
