/// Reading scalars out of `JSONValue`, with the errors Foundation's `JSONDecoder` gives.
enum Unbox {
    static func bool(_ value: JSONValue, _ path: [any CodingKey]) throws(DecodingError) -> Bool {
        guard case .bool(let b) = value else { throw mismatch(Bool.self, value, path) }
        return b
    }

    static func string(_ value: JSONValue, _ path: [any CodingKey]) throws(DecodingError) -> String {
        guard case .string(let s) = value else { throw mismatch(String.self, value, path) }
        return s.string
    }

    static func double(_ value: JSONValue, _ path: [any CodingKey]) throws(DecodingError) -> Double {
        switch value {
        case .float(let d):
            return d
        case .integer(let text):
            guard let d = Double(text), d.isFinite else {
                throw corrupted("Number \(text) does not fit in Double.", path)
            }
            return d
        default:
            throw mismatch(Double.self, value, path)
        }
    }

    static func float(_ value: JSONValue, _ path: [any CodingKey]) throws(DecodingError) -> Float {
        let d = try double(value, path)
        let f = Float(d)
        guard f.isFinite || !d.isFinite else {
            throw corrupted("Number \(JSON.pythonRepr(d)) does not fit in Float.", path)
        }
        return f
    }

    /// An integer of type `I`, from exact decimal text or an integral float; out of range throws.
    static func integer<I: FixedWidthInteger>(
        _ value: JSONValue, _: I.Type, _ path: [any CodingKey]
    ) throws(DecodingError) -> I {
        switch value {
        case .integer(let text):
            guard let i = I(text) else { throw corrupted("Number \(text) does not fit in \(I.self).", path) }
            return i
        case .float(let d):
            guard let i = I(exactly: d) else {
                throw corrupted("Number \(JSON.pythonRepr(d)) is not an exact \(I.self).", path)
            }
            return i
        default:
            throw mismatch(I.self, value, path)
        }
    }
}

/// `valueNotFound` for null, `typeMismatch` otherwise.
func mismatch(_ type: Any.Type, _ value: JSONValue, _ path: [any CodingKey]) -> DecodingError {
    if value == .null {
        return .valueNotFound(
            type, .init(codingPath: path, debugDescription: "Expected \(type) value but found null instead."))
    }
    return .typeMismatch(
        type,
        .init(
            codingPath: path,
            debugDescription: "Expected to decode \(type) but found \(value.kindName) instead."))
}

func corrupted(_ message: String, _ path: [any CodingKey]) -> DecodingError {
    .dataCorrupted(.init(codingPath: path, debugDescription: message))
}

extension JSONValue {
    /// "a string", "a number", ... for error messages.
    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer, .float: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "a dictionary"
        }
    }
}
