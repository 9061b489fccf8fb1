/// The `+OK` status reply (SET, HMSET, SELECT, ...); anything else fails to decode.
public struct RESPOK: RESPDecodable, Sendable, Equatable {
    public init() {}

    public init(fromRESP value: RESPValue) throws(RESPDecodingError) {
        guard case .simpleString(let bytes) = value, bytes == Array("OK".utf8) else {
            throw RESPDecodingError(expected: "+OK", got: value)
        }
    }
}
