/// Encodes any `Encodable` value as a `JSONValue`, using the standard library only.
///
/// Its stored form is then `try JSONValueEncoder().encode(v).canonicalBytes`, the text Python's
/// `json.dumps(value, sort_keys=True)` writes. Integers of every width are written exactly;
/// `Float` and `Double` as Python's floats, NaN and ±Infinity included (as Python writes them);
/// dictionaries with `String` or `Int` keys become objects (an `Int` key as its decimal text, as
/// Foundation's `JSONEncoder` does); `nil` becomes `null`.
public struct JSONValueEncoder: Sendable {
    /// Context handed to the values being encoded, as `Encoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    public init() {}

    /// The JSON value of `value`.
    ///
    /// Throws `EncodingError.invalidValue` if `value` encodes nothing at all; an error thrown by
    /// `value`'s own `encode(to:)` that is not an `EncodingError` is wrapped in
    /// `EncodingError.invalidValue` as its `underlyingError`.
    public func encode<T: Encodable>(_ value: T) throws(EncodingError) -> JSONValue {
        if let json = value as? JSONValue { return json }
        let node = EncodingNode()
        do {
            try value.encode(to: ValueEncoder(node: node, codingPath: [], userInfo: userInfo))
        } catch let error as EncodingError {
            throw error
        } catch {
            throw .invalidValue(
                value,
                .init(
                    codingPath: [], debugDescription: "\(T.self) failed to encode: \(error)",
                    underlyingError: error))
        }
        guard !node.isEmpty else {
            throw .invalidValue(
                value,
                .init(codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values."))
        }
        return node.jsonValue
    }
}

/// The `Encoder` handed to each value: writes into one node.
final class ValueEncoder: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    let sendableUserInfo: [CodingUserInfoKey: any Sendable]

    init(node: EncodingNode, codingPath: [any CodingKey], userInfo: [CodingUserInfoKey: any Sendable]) {
        self.node = node
        self.codingPath = codingPath
        self.sendableUserInfo = userInfo
    }

    var userInfo: [CodingUserInfoKey: Any] { sendableUserInfo }

    func container<Key: CodingKey>(keyedBy _: Key.Type) -> KeyedEncodingContainer<Key> {
        node.keyed()
        return KeyedEncodingContainer(
            KeyedValueEncodingContainer<Key>(encoder: self, node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.unkeyed()
        return UnkeyedValueEncodingContainer(encoder: self, node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueEncoding(encoder: self)
    }

    /// A new encoder writing into `node` at `key` below this one.
    func child(_ node: EncodingNode, _ key: any CodingKey) -> ValueEncoder {
        ValueEncoder(node: node, codingPath: codingPath + [key], userInfo: sendableUserInfo)
    }

    /// The node of `value`, encoded at `path`. Scalars are stored directly.
    func box<T: Encodable>(_ value: T, at key: any CodingKey) throws -> EncodingNode {
        if let json = value as? JSONValue { return EncodingNode(json) }
        let node = EncodingNode()
        try value.encode(to: child(node, key))
        return node
    }
}

extension JSONValue {
    init<I: BinaryInteger>(integer: I) { self = .integer(String(integer)) }
}
