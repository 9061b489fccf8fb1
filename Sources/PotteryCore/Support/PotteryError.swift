public import RedisClient

/// Every failure of PotteryCore: a Redis failure, a stored value that cannot be read, or a value
/// that cannot be written. Methods of PotteryCore throw only this type.
public struct PotteryError: Error, Sendable, CustomStringConvertible {
    /// What failed.
    public enum Kind: Sendable {
        /// Talking to Redis failed (connect, timeout, error reply such as `WRONGTYPE`, a reply of
        /// the wrong shape).
        case redis(RedisError)
        /// A stored value is not JSON (Python pottery would fail the same way).
        case notJSON
        /// A stored value is JSON but cannot be decoded to the requested type.
        case undecodable
        /// A value that cannot be stored (cannot be encoded, or is not valid for the operation).
        case invalidValue
        /// The task was cancelled (Swift concurrency): while it waited for a pooled connection,
        /// or while it waited on the server (a blocking command, a slow reply).
        case cancelled
    }

    /// The class of exit status a command that fails this way reports (SPEC §4).
    public enum StatusClass: Sendable, Equatable {
        /// Invalid input: exit status 2, nothing was written.
        case invalidInput
        /// A Redis failure or unreadable stored data: exit status 3.
        case redis

        /// The process exit status of the class.
        public var exitStatus: Int32 { self == .invalidInput ? 2 : 3 }
    }

    /// What failed.
    public var kind: Kind
    /// Human text; for `.redis`, the error's own description follows from `RedisError`.
    public var message: String
    /// The key involved, as bytes (may be non-UTF-8), when known.
    public var key: [UInt8]?
    /// The redacted address of the server involved, when known (never a password).
    public var server: String?

    /// An error of `kind` with `message`, naming the key and server when known.
    public init(_ kind: Kind, _ message: String, key: [UInt8]? = nil, server: String? = nil) {
        self.kind = kind
        self.message = message
        self.key = key
        self.server = server
    }

    /// Wraps a client error.
    public init(_ error: RedisError, key: [UInt8]? = nil) {
        self.init(.redis(error), error.message, key: key, server: error.server)
    }

    /// The wrapped client error, if this is a Redis failure.
    public var redisError: RedisError? {
        if case .redis(let error) = kind { return error }
        return nil
    }

    /// Invalid values are the caller's input (2); everything else is Redis or its data (3).
    public var statusClass: StatusClass {
        if case .invalidValue = kind { return .invalidInput }
        return .redis
    }

    /// The key as text for messages (invalid UTF-8 shown as U+FFFD).
    public var keyName: String? { key.map { String(decoding: $0, as: UTF8.self) } }

    /// This error naming `key` and `server`, unless it already names them.
    func with(key: [UInt8], server: String) -> PotteryError {
        var copy = self
        if copy.key == nil { copy.key = key }
        if copy.server == nil { copy.server = server }
        return copy
    }

    /// `key: why`: the key (when known) and the message, or the Redis error's own description.
    public var description: String {
        let why: String
        if case .redis(let error) = kind { why = error.description } else { why = message }
        return keyName.map { "\($0): \(why)" } ?? why
    }
}
