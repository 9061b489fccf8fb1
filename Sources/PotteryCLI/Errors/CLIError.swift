#if canImport(Glibc)
    import Glibc
#endif
import PotteryProcess
import PotteryCore
import RedisClient

/// Everything that stops a command, with enough context to say what failed. Rendered once, by
/// ``ErrorRenderer``, as `pottery: <what failed>: <why>`, and mapped to an exit status there.
struct CLIError: Error, Sendable {
    enum Kind: Sendable {
        /// Unknown command or option, missing or extra argument, bad number: exit 2.
        case usage
        /// Invalid input (bad JSON): exit 2, and nothing was written.
        case invalidInput
        /// A Redis failure: exit 3.
        case redis(RedisError)
        /// A local failure that is not the user's input (reading standard input, ...): exit 3.
        case system
        /// Standard output refused a write (the errno): 141 for a reader gone away (EPIPE, as
        /// SIGPIPE would give), 74 otherwise (a full disk, an I/O error).
        case output(Int32)
        /// A signal whose handler pottery installed ended the command: the status is 128 + it.
        case interrupted(ExitStatus)
    }

    var kind: Kind
    var message: String
    /// The command it happened in, e.g. `dict get`; filled in by the dispatcher when empty.
    var context: String
    /// The help that tells what was expected (`dict`, `dict get`; empty for the program's), pointed
    /// at when the error is rendered, in the words of the place it is read (``HelpVoice``).
    var helpTopic: String?

    init(_ kind: Kind, _ message: String, context: String = "", helpTopic: String? = nil) {
        self.kind = kind
        self.message = message
        self.context = context
        self.helpTopic = helpTopic
    }

    static func usage(_ message: String, context: String = "", help: String? = nil) -> CLIError {
        CLIError(.usage, message, context: context, helpTopic: help)
    }

    static func invalidInput(_ message: String, context: String = "") -> CLIError {
        CLIError(.invalidInput, message, context: context)
    }

    static func output(_ code: Int32) -> CLIError {
        let why = strerror(code).map { String(cString: $0) } ?? "error \(code)"
        return CLIError(.output(code), "cannot write standard output: \(why)")
    }

    /// Standard output was closed when pottery started: a command that would print refuses to run
    /// (74) before it changes or sends anything, as `/bin/echo hi >&-` fails.
    static let closedOutput = CLIError(
        .output(EBADF), "standard output is closed; nothing was done (redirect it to /dev/null to discard)")

    /// Whether a Redis failure is behind it (so the connection may be out of step).
    static func isRedisFailure(_ error: any Error) -> Bool { ErrorRenderer.redisError(in: error) != nil }

    /// The Redis failure behind it, if any.
    var redisError: RedisError? {
        switch kind {
        case .redis(let error): return error
        default: return nil
        }
    }

    var status: ExitStatus {
        switch kind {
        case .usage, .invalidInput: return .usage
        case .redis, .system: return .redis
        case .output(let code): return code == EPIPE ? .brokenPipe : .outputFailed
        case .interrupted(let status): return status
        }
    }

    /// Whether the error is worth a line on stderr: a reader that went away is not, as with SIGPIPE.
    var isSilent: Bool {
        switch kind {
        case .output(let code): return code == EPIPE
        case .interrupted: return true
        default: return false
        }
    }
}
