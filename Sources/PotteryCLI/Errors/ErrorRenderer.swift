import RedisClient

/// Turns any error that reaches the edge into one stderr line and an exit status. The only place
/// that knows how errors look to a user.
enum ErrorRenderer {
    /// `pottery: dict get user:1 (redis://localhost:6379/0): WRONGTYPE Operation against a key ...`
    static func render(_ error: any Error, context: String) -> (line: String, status: ExitStatus) {
        switch error {
        case let error as CLIError:
            let what = error.context.isEmpty ? context : error.context
            if case .redis(let redisError) = error.kind {
                return (line(what, redisError), .redis)
            }
            return (line(what, error.message), error.status)
        case let error as RedisError:
            return (line(context, error), .redis)
        case let error as ChildProcessError:
            return (line(context, error.description), error.exitStatus)
        default:
            return (line(context, String(describing: error)), .redis)
        }
    }

    private static func line(_ what: String, _ error: RedisError) -> String {
        var why = ""
        if let code = error.code { why = code + " " }
        why += error.message
        return line(what.isEmpty ? error.server : "\(what) (\(error.server))", why)
    }

    private static func line(_ what: String, _ why: String) -> String {
        let oneLine = why.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
        return what.isEmpty ? "pottery: \(oneLine)" : "pottery: \(what): \(oneLine)"
    }
}
