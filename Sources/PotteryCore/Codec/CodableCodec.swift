import PotteryJSON

/// Stores any `Codable` type as the canonical text of the JSON value it encodes to, through
/// `JSONValueEncoder` and `JSONValueDecoder` (standard library only): a `String` is stored as
/// `"jack"`, an `Int` as `4098`, a struct as an object with sorted keys, as pottery stores them.
public struct CodableCodec<Value: Codable>: RedisCodec {
    /// The codec; it has no settings.
    public init() {}

    public func encode(_ value: Value) throws(PotteryError) -> [UInt8] {
        do {
            return try JSONValueEncoder().encode(value).canonicalBytes
        } catch {
            throw PotteryError(.invalidValue, "cannot encode \(Value.self) as JSON: \(error)")
        }
    }

    public func decode(_ stored: [UInt8]) throws(PotteryError) -> Value {
        let json = try JSONValueCodec().decode(stored)
        do {
            return try JSONValueDecoder().decode(Value.self, from: json)
        } catch {
            throw PotteryError(.undecodable, "stored value \(json) is not a \(Value.self): \(error)")
        }
    }
}
