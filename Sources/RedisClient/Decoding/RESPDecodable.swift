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

/// Why a reply could not be decoded: what was expected and what came.
public struct RESPDecodingError: Error, Sendable, Equatable {
    /// E.g. `an integer`, `an array of 3 elements`.
    public var expected: String
    /// E.g. `a simple string "PONG"`.
    public var got: String
    /// An error reply found where a value was expected (e.g. inside an EXEC result): it is
    /// thrown as the server's error, not as a protocol violation.
    public var errorReply: [UInt8]?

    public init(expected: String, got: RESPValue) {
        self.expected = expected
        self.got = got.shapeDescription
        if case .error(let bytes) = got { errorReply = bytes }
    }

    /// The same failure inside an array, at `index`.
    func inElement(_ index: Int) -> RESPDecodingError {
        var copy = self
        copy.expected = "element \(index) to be " + expected
        return copy
    }
}

extension RESPValue {
    /// What a reply is, for error messages: `an integer 7`, `a simple string "PONG"`, `a null
    /// bulk string`, `an array of 3 elements`. Strings are cut at 40 bytes.
    public var shapeDescription: String {
        func quoted(_ bytes: [UInt8]) -> String {
            let text = String(decoding: bytes.prefix(40), as: UTF8.self)
            return "\"" + text + (bytes.count > 40 ? "...\"" : "\"")
        }
        switch self {
        case .simpleString(let bytes): return "a simple string " + quoted(bytes)
        case .error(let bytes): return "an error reply " + quoted(bytes)
        case .integer(let value): return "an integer \(value)"
        case .bulkString(nil): return "a null bulk string"
        case .bulkString(let bytes?): return "a bulk string of \(bytes.count) bytes"
        case .array(nil): return "a null array"
        case .array(let elements?): return "an array of \(elements.count) elements"
        }
    }

    /// Decodes a reply (e.g. one read from a pipeline) as `type`. An error reply is thrown as
    /// the server's error (`.server`/`.authentication`); any other shape mismatch is a
    /// `.protocolViolation` naming `command` and saying what was expected and what came.
    public func decode<T: RESPDecodable>(as type: T.Type, command: String, server: String) throws(RedisError)
        -> T
    {
        do {
            return try T(fromRESP: self)
        } catch {
            throw error.redisError(command: command, server: server)
        }
    }

    /// Decodes an array reply of exactly `count` elements (e.g. SMISMEMBER with `count` members).
    public func decode<Element: RESPDecodable>(
        as type: [Element].Type, count: Int, command: String, server: String
    ) throws(RedisError) -> [Element] {
        do {
            return try [Element](fromRESP: self, count: count)
        } catch {
            throw error.redisError(command: command, server: server)
        }
    }
}

extension RESPDecodingError {
    /// The error to throw: the server's own for an error reply, else `.protocolViolation`.
    func redisError(command: String, server: String) -> RedisError {
        if let errorReply { return RedisError(reply: errorReply, server: server, command: command) }
        return RedisError(
            kind: .protocolViolation, message: "expected \(expected), got \(got)", server: server,
            command: command)
    }
}
