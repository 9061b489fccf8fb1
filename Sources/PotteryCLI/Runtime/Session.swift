#if canImport(Glibc)
    import Glibc
#endif
import PotteryProcess
import PotteryCore
import RedisClient

/// What outlives one command: the output streams, standard input, the environment and the
/// connections. A one-shot run has a session of one command; batch mode and the REPL keep one for
/// many, so one connection serves them all.
final class Session {
    let environment: Environment
    let out: OutputWriter
    let err: DiagnosticWriter
    let stdin: LineReader
    /// Whether standard input holds commands (batch mode) rather than values.
    var stdinHoldsCommands = false
    /// The standard input of a child that `lock run` starts: ours, except in batch mode, where it
    /// holds the commands (the child gets `/dev/null`, so it can neither eat nor garble them). In
    /// the REPL the child has the terminal: nothing is read ahead there.
    var childStandardInput: ChildProcess.Input {
        stdinHoldsCommands && isatty(0) != 1 ? .nothing : .inherit
    }
    /// Locks taken in this session, by key, with the masters that hold them, so the REPL can
    /// release them there without a token.
    var heldLocks: [[UInt8]: HeldLock] = [:]
    /// Where the line being run comes from (`line 3` in batch mode): every message about it says so.
    var location: String?
    /// How help and errors name commands: the REPL's lines have no program name.
    var voice = HelpVoice.commandLine
    /// What `status` says of the REPL's history file: its path, or `off`.
    var historyNote: String?
    /// The server URL whose last connection attempt failed, until one succeeds: the REPL's prompt
    /// then says it is not connected.
    private(set) var unreachable: String?
    /// Told the server's name when a connection the server had closed (a restart, its idle
    /// `timeout`, `CLIENT KILL`) is replaced before a command: the REPL says so.
    var onReconnect: ((String) -> Void)?
    private var connection: RedisConnection?
    private var connectedTo: String?
    private var masterConnections: [Result<RedisConnection, RedisError>] = []
    private var mastersResolved: [String] = []

    init(
        environment: Environment = .process, out: OutputWriter, err: DiagnosticWriter, stdin: LineReader
    ) {
        self.environment = environment
        self.out = out
        self.err = err
        self.stdin = stdin
    }

    /// The connection for these settings: the open one when it goes to the same server and still
    /// works, else a new one. "Still works" includes that the server has not closed it while the
    /// session was idle (its `timeout`, `CLIENT KILL`, a restart: `checkAlive()`), so the next
    /// command of a REPL or a batch script goes out on a fresh connection instead of failing.
    func connection(for settings: Settings) throws -> RedisConnection {
        let url = settings.resolvedURL(environment)
        let wasOpen = connection != nil && connectedTo == url
        if let connection, wasOpen, connection.checkAlive() { return connection }
        connection?.close()
        connection = nil
        let parsed: RedisURL
        do {
            parsed = try RedisURL(parsing: url)
        } catch {
            throw CLIError.usage(error.message)
        }
        let options = try settings.connectionOptions(environment)
        warnIfInsecure(options, url: parsed)
        let opened: RedisConnection
        do {
            opened = try RedisConnection(url: parsed, options: options)
        } catch {
            unreachable = url
            throw error
        }
        unreachable = nil
        connection = opened
        connectedTo = url
        if wasOpen { onReconnect?(parsed.redacted) }
        return opened
    }

    /// Whether the session holds a connection to the server `settings` name (without asking it).
    func isConnected(for settings: Settings) -> Bool {
        connection != nil && connectedTo == settings.resolvedURL(environment)
    }

    /// The quorum masters (`--master`, `POTTERY_MASTERS`, else the server URL), connected all at once
    /// and kept for the session while they all still work (as for `connection(for:)`): a
    /// connection, or why there is none, per master in order.
    func masters(for settings: Settings) throws -> [Result<RedisConnection, RedisError>] {
        let urls = settings.resolvedMasters(environment)
        if urls == mastersResolved, masterConnections.allSatisfy({ (try? $0.get().checkAlive()) ?? false }) {
            return masterConnections
        }
        for case .success(let old) in masterConnections { old.close() }
        var parsed: [RedisURL] = []
        for url in urls {
            do {
                parsed.append(try RedisURL(parsing: url))
            } catch {
                throw CLIError.usage("master \(error.message)")
            }
        }
        masterConnections = RedisConnection.connectAll(
            parsed, options: try settings.connectionOptions(environment))
        mastersResolved = urls
        do {
            try DistinctMasters.check(urls, masterConnections)
        } catch {
            disconnect()
            throw error
        }
        return masterConnections
    }

    /// `--insecure` says on stderr, once per session, that the server is not verified.
    private var warnedInsecure = false
    private func warnIfInsecure(_ options: RedisConnectionOptions, url: RedisURL) {
        guard options.tls.applies(to: url), !options.tls.verify, !warnedInsecure else { return }
        warnedInsecure = true
        err.writeLine("pottery: warning: --insecure: the server's TLS certificate and name are not verified")
    }

    /// Drops the connections (after a failure that may have left them out of step).
    func disconnect() {
        connection?.close()
        connection = nil
        connectedTo = nil
        for case .success(let master) in masterConnections { master.close() }
        masterConnections = []
        mastersResolved = []
    }

    /// The server as errors name it, without a password, even before a connection exists.
    func serverName(for settings: Settings) -> String {
        let url = settings.resolvedURL(environment)
        return (try? RedisURL(parsing: url).redacted) ?? "the server"
    }
}
