/// Decodes any `Decodable` type from a `JSONValue`, using the standard library only.
///
/// Mirrors `JSONValueEncoder`: integers of every width are read from their exact decimal text and
/// a value out of the type's range throws `DecodingError.dataCorrupted` (never traps); a float
/// is accepted for an integer type only when it is integral and in range; `Double` and `Float`
/// accept floats and integers (NaN and ±Infinity included); object keys are read back as the
/// `String` or `Int` keys they were written from.
public struct JSONValueDecoder: Sendable {
    /// Context handed to the values being decoded, as `Decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    public init() {}

    /// A `T` read from `value`.
    ///
    /// Throws `DecodingError` (`typeMismatch`, `valueNotFound`, `keyNotFound`, `dataCorrupted`)
    /// with the coding path of the offending value; an error thrown by `T`'s own `init(from:)`
    /// that is not a `DecodingError` is wrapped in `DecodingError.dataCorrupted` as its
    /// `underlyingError`.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws(DecodingError) -> T {
        do {
            return try ValueDecoder(value: value, codingPath: [], userInfo: userInfo).decode(T.self)
        } catch let error as DecodingError {
            throw error
        } catch {
            throw .dataCorrupted(
                .init(
                    codingPath: [], debugDescription: "\(T.self) failed to decode: \(error)",
                    underlyingError: error))
        }
    }
}

/// The `Decoder` handed to each value: reads one `JSONValue`.
final class ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let sendableUserInfo: [CodingUserInfoKey: any Sendable]

    init(value: JSONValue, codingPath: [any CodingKey], userInfo: [CodingUserInfoKey: any Sendable]) {
        self.value = value
        self.codingPath = codingPath
        self.sendableUserInfo = userInfo
    }

    var userInfo: [CodingUserInfoKey: Any] { sendableUserInfo }

    func container<Key: CodingKey>(keyedBy _: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            throw mismatch([String: Any].self, value, codingPath)
        }
        return KeyedDecodingContainer(
            KeyedValueDecodingContainer<Key>(decoder: self, members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw mismatch([Any].self, value, codingPath) }
        return UnkeyedValueDecodingContainer(decoder: self, elements: elements, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueDecoding(decoder: self)
    }

    /// A decoder for `value` at `key` below this one.
    func child(_ value: JSONValue, _ key: any CodingKey) -> ValueDecoder {
        ValueDecoder(value: value, codingPath: codingPath + [key], userInfo: sendableUserInfo)
    }

    /// A `T` from this decoder's value; `JSONValue` itself is taken as it is.
    func decode<T: Decodable>(_: T.Type) throws -> T {
        if T.self == JSONValue.self { return value as! T }
        return try T(from: self)
    }
}

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
