import PotteryCore
import RedisClient

/// Everything that stops a command, with enough context to say what failed. Rendered once, by
/// ``ErrorRenderer``, as `pottery: <what failed>: <why>`, and mapped to an exit status there.
struct CLIError: Error, Sendable {
    enum Kind: Sendable {
        /// Unknown command or option, missing or extra argument: exit 2.
        case usage
        /// Invalid input (bad JSON, bad number): exit 2, and nothing was written.
        case invalidInput
        /// A Redis failure: exit 3.
        case redis(RedisError)
        /// A local failure that is not the user's input (reading standard input, ...): exit 3.
        case system
    }

    var kind: Kind
    var message: String
    /// The command it happened in, e.g. `dict get`; filled in by the dispatcher when empty.
    var context: String

    init(_ kind: Kind, _ message: String, context: String = "") {
        self.kind = kind
        self.message = message
        self.context = context
    }

    static func usage(_ message: String, context: String = "") -> CLIError {
        CLIError(.usage, message, context: context)
    }

    static func invalidInput(_ message: String, context: String = "") -> CLIError {
        CLIError(.invalidInput, message, context: context)
    }

    /// Whether a Redis failure is behind it (so the connection may be out of step).
    static func isRedisFailure(_ error: any Error) -> Bool {
        if error is RedisError { return true }
        if let error = error as? PotteryError, error.redisError != nil { return true }
        if let error = error as? CLIError, case .redis = error.kind { return true }
        return false
    }

    var status: ExitStatus {
        switch kind {
        case .usage, .invalidInput: return .usage
        case .redis, .system: return .redis
        }
    }
}
