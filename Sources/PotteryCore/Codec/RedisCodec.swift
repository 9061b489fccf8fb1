/// How values of one type are stored: the bytes written to Redis for a value, and back.
///
/// pottery stores every key, element and value as canonical JSON text (SPEC §8.1); the three
/// conformances here all produce it: ``StoredValueCodec`` (the bytes as they are),
/// ``JSONValueCodec`` and ``CodableCodec``.
public protocol RedisCodec<Value>: Sendable {
    /// The Swift type stored.
    associatedtype Value

    /// The stored form of `value`; throws ``PotteryError/Kind/invalidValue`` if it has none.
    func encode(_ value: Value) throws(PotteryError) -> [UInt8]

    /// The value behind a stored form; throws ``PotteryError/Kind/notJSON`` or
    /// ``PotteryError/Kind/undecodable``.
    func decode(_ stored: [UInt8]) throws(PotteryError) -> Value
}
