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
