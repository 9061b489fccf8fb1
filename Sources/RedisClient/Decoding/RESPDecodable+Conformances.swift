extension Int64: RESPDecodable {
    public init(fromRESP value: RESPValue) throws(RESPDecodingError) {
        guard case .integer(let number) = value else {
            throw RESPDecodingError(expected: "an integer", got: value)
        }
        self = number
    }
}

extension Int: RESPDecodable {
    public init(fromRESP value: RESPValue) throws(RESPDecodingError) {
        guard case .integer(let number) = value, let exact = Int(exactly: number) else {
            throw RESPDecodingError(expected: "an integer", got: value)
        }
        self = exact
    }
}

extension Bool: RESPDecodable {
    /// Only the integers 0 and 1 (as SISMEMBER, EXISTS of one key, SETNX answer).
    public init(fromRESP value: RESPValue) throws(RESPDecodingError) {
        switch value {
        case .integer(0): self = false
        case .integer(1): self = true
        default: throw RESPDecodingError(expected: "an integer 0 or 1", got: value)
        }
    }
}

extension Array: RESPDecodable where Element: RESPDecodable {
    /// A non-null array whose every element decodes as `Element`; for `[UInt8]`, the bytes of a
    /// non-null bulk or simple string.
    public init(fromRESP value: RESPValue) throws(RESPDecodingError) {
        self = try Element.decodeArray(fromRESP: value)
    }

    /// A non-null array of exactly `count` elements.
    public init(fromRESP value: RESPValue, count: Int) throws(RESPDecodingError) {
        guard case .array(let elements?) = value, elements.count == count else {
            throw RESPDecodingError(expected: "an array of \(count) elements", got: value)
        }
        try self.init(fromRESP: value)
    }
}

extension Optional: RESPDecodable where Wrapped: RESPDecodable {
    /// `nil` for the null bulk string and the null array.
    public init(fromRESP value: RESPValue) throws(RESPDecodingError) {
        switch value {
        case .bulkString(nil), .array(nil): self = nil
        default: self = try Wrapped(fromRESP: value)
        }
    }
}

extension RESPValue: RESPDecodable {
    /// Any reply, as it came.
    public init(fromRESP value: RESPValue) throws(RESPDecodingError) {
        self = value
    }
}

extension String: RESPDecodable {
    /// A non-null bulk or simple string that is valid UTF-8.
    public init(fromRESP value: RESPValue) throws(RESPDecodingError) {
        guard let bytes = value.bytes, value != .bulkString(nil) else {
            throw RESPDecodingError(expected: "a string", got: value)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw RESPDecodingError(expected: "a UTF-8 string", got: value)
        }
        self = text
    }
}

extension UInt8: RESPDecodable {
    /// An integer reply from 0 to 255 (rarely useful alone: it exists so that `[UInt8]` decodes).
    public init(fromRESP value: RESPValue) throws(RESPDecodingError) {
        guard case .integer(let number) = value, let byte = UInt8(exactly: number) else {
            throw RESPDecodingError(expected: "an integer from 0 to 255", got: value)
        }
        self = byte
    }

    /// `[UInt8]` is the bytes of a non-null bulk or simple string, not an array of integers.
    public static func decodeArray(fromRESP value: RESPValue) throws(RESPDecodingError) -> [UInt8] {
        switch value {
        case .bulkString(let bytes?), .simpleString(let bytes): return bytes
        default: throw RESPDecodingError(expected: "a string", got: value)
        }
    }
}
