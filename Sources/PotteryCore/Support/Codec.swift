/// pottery's storage encoding (SPEC §8.1): every key, element and value is stored as the canonical
/// JSON text `json.dumps(value, sort_keys=True)` produces.
public enum Codec {
    /// The stored form of a value.
    public static func encode(_ value: JSONValue) -> [UInt8] { value.canonicalBytes }

    /// The value behind a stored form; throws when the stored bytes are not JSON.
    public static func decode(_ stored: [UInt8], key: String) throws -> JSONValue {
        do {
            return try JSON.parse(stored)
        } catch {
            throw PotteryError(.notJSON, "stored value is not JSON: \(error)", key: key)
        }
    }
}
