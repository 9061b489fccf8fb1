import PotteryProcess
import PotteryCore
import RedisClient

/// Turns any error that reaches the edge into one stderr line (or none) and an exit status. The only
/// place that knows how errors look to a user.
enum ErrorRenderer {
    /// `pottery: dict get user:1 (redis://localhost:6379/0): WRONGTYPE Operation against a key ...`
    /// `location` (`line 3`) goes before everything else the line says.
    static func render(
        _ error: any Error, context: String, location: String? = nil, voice: HelpVoice = .commandLine
    ) -> (line: String?, status: ExitStatus) {
        let (line, status) = unlocated(error, context: context, voice: voice)
        guard let location, let line else { return (line, status) }
        return ("pottery: \(location): " + line.dropFirst("pottery: ".count), status)
    }

    private static func unlocated(_ error: any Error, context: String, voice: HelpVoice) -> (
        line: String?, status: ExitStatus
    ) {
        if let status = interruption(error) { return (nil, status) }
        switch error {
        case let error as CLIError:
            let what = error.context.isEmpty ? context : error.context
            if let redisError = error.redisError {
                return (line(what, redisError), error.status)
            }
            let pointer = error.helpTopic.map { " (\(voice.pointer(to: $0)))" } ?? ""
            return (error.isSilent ? nil : line(what, error.message + pointer), error.status)
        case let error as PotteryError:
            return renderPottery(error, context: context)
        case let error as RedisError:
            return (line(context, error), .redis)
        case let error as ChildProcessError:
            return (line(context, error.description), error.exitStatus)
        default:
            return (line(context, String(describing: error)), .redis)
        }
    }

    /// A PotteryCore failure: Redis failures as Redis errors (3); undecodable stored data (3) and
    /// invalid values (2) with the key and server they concern.
    private static func renderPottery(_ error: PotteryError, context: String) -> (
        line: String?, status: ExitStatus
    ) {
        let status: ExitStatus = error.statusClass == .invalidInput ? .usage : .redis
        if case .redis(let redisError) = error.kind {
            return (line(context, redisError), status)
        }
        var what = context
        if let server = error.server { what = what.isEmpty ? server : "\(what) (\(server))" }
        let why = error.keyName.map { "key \($0): \(error.message)" } ?? error.message
        return (line(what, why), status)
    }

    /// An interrupted wait ends silently with 128 + the signal (130 for Ctrl-C), as if the signal's
    /// default action had ended the process.
    static func interruption(_ error: any Error) -> ExitStatus? {
        guard let redisError = redisError(in: error), redisError.kind == .interrupted else { return nil }
        return Interrupts.pendingExitStatus ?? .interrupted
    }

    /// The Redis failure `error` is or wraps, if any.
    static func redisError(in error: any Error) -> RedisError? {
        switch error {
        case let error as RedisError: error
        case let error as PotteryError: error.redisError
        case let error as CLIError: error.redisError
        default: nil
        }
    }

    /// Why `error` happened, without what failed or where: `Connection refused`.
    static func reason(_ error: any Error) -> String {
        if let redisError = redisError(in: error) { return why(redisError) }
        return (error as? CLIError)?.message ?? String(describing: error)
    }

    private static func line(_ what: String, _ error: RedisError) -> String {
        line(what.isEmpty ? error.server : "\(what) (\(error.server))", why(error))
    }

    private static func why(_ error: RedisError) -> String {
        var why = ""
        if let code = error.code { why = code + " " }
        // A reply that made no sense is about one command: name it (`SCARD: expected an integer`).
        if error.kind == .protocolViolation, let command = error.command, !error.message.contains(command) {
            why += command + ": "
        }
        why += error.message
        return why
    }

    private static func line(_ what: String, _ why: String) -> String {
        let oneLine = why.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
        return what.isEmpty ? "pottery: \(oneLine)" : "pottery: \(what): \(oneLine)"
    }
}
