public import PotteryJSON

/// Stores `JSONValue`s as their canonical text.
public struct JSONValueCodec: RedisCodec {
    /// The codec; it has no settings.
    public init() {}

    public func encode(_ value: JSONValue) -> [UInt8] { value.canonicalBytes }

    public func decode(_ stored: [UInt8]) throws(PotteryError) -> JSONValue {
        do throws(JSONError) {
            return try JSON.parse(stored)
        } catch {
            throw PotteryError(.notJSON, "stored value is not JSON: \(error)")
        }
    }
}
