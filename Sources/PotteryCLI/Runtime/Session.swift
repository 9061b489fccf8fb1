import PotteryCore
import RedisClient

/// What outlives one command: the output streams, standard input, the environment and the connection.
/// A one-shot run has a session of one command; batch mode and the REPL keep one for many, so one
/// connection serves them all.
final class Session {
    let environment: Environment
    let out: OutputWriter
    let err: OutputWriter
    let stdin: LineReader
    /// Whether standard input holds commands (batch mode) rather than values.
    var stdinHoldsCommands = false
    private var connection: RedisConnection?
    private var connectedTo: String?

    init(environment: Environment = .process, out: OutputWriter, err: OutputWriter, stdin: LineReader) {
        self.environment = environment
        self.out = out
        self.err = err
        self.stdin = stdin
    }

    /// The connection for these settings: the open one when it goes to the same server, else a new one.
    func connection(for settings: Settings) throws -> RedisConnection {
        let url = settings.resolvedURL(environment)
        if let connection, connectedTo == url { return connection }
        connection?.close()
        connection = nil
        let parsed: RedisURL
        do {
            parsed = try RedisURL(parsing: url)
        } catch {
            throw CLIError.usage(error.message)
        }
        let opened = try RedisConnection(url: parsed, options: try settings.connectionOptions(environment))
        connection = opened
        connectedTo = url
        return opened
    }

    /// Drops the connection (after a failure that may have left it out of step).
    func disconnect() {
        connection?.close()
        connection = nil
        connectedTo = nil
    }

    /// The server as errors name it, without a password, even before a connection exists.
    func serverName(for settings: Settings) -> String {
        let url = settings.resolvedURL(environment)
        return (try? RedisURL(parsing: url).redacted) ?? "the server"
    }
}
