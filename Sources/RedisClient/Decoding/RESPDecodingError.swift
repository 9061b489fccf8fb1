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

extension RESPDecodingError {
    /// The error to throw: the server's own for an error reply, else `.protocolViolation`.
    func redisError(command: String, server: String) -> RedisError {
        if let errorReply { return RedisError(reply: errorReply, server: server, command: command) }
        return RedisError(
            kind: .protocolViolation, message: "expected \(expected), got \(got)", server: server,
            command: command)
    }
}
