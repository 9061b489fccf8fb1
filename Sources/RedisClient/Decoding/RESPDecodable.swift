/// A Swift type a reply can be decoded into, strictly: a reply of another shape is an error,
/// never a guess (`call(_:as:)` throws it as `.protocolViolation`).
///
/// Conformances: `Int`, `Int64` (integer replies), `Bool` (integer 0 or 1), `[UInt8]` and
/// `String` (non-null bulk or simple strings; `String` must be valid UTF-8), `Optional` (null
/// bulk string or null array is `nil`), `Array` (non-null arrays), `RESPValue` (anything) and
/// `RESPOK` (the `+OK` status).
public protocol RESPDecodable {
    /// Decodes `value`; throws when its shape is not the expected one.
    init(fromRESP value: RESPValue) throws(RESPDecodingError)

    /// How `[Self]` decodes. The default takes a non-null array whose every element decodes as
    /// `Self`; `UInt8` replaces it so that `[UInt8]` is a string's bytes.
    static func decodeArray(fromRESP value: RESPValue) throws(RESPDecodingError) -> [Self]
}

extension RESPDecodable {
    public static func decodeArray(fromRESP value: RESPValue) throws(RESPDecodingError) -> [Self] {
        guard case .array(let elements?) = value else {
            throw RESPDecodingError(expected: "an array", got: value)
        }
        var decoded: [Self] = []
        decoded.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            do {
                decoded.append(try Self(fromRESP: element))
            } catch {
                throw error.inElement(index)
            }
        }
        return decoded
    }
}
