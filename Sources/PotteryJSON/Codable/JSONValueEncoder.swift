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
