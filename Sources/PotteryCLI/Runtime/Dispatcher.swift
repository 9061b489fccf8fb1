import PotteryProcess
import PotteryCore
import RedisClient

/// Runs parsed commands: the one place where handlers are called, verb traits applied, errors
/// rendered, and statuses decided.
struct Dispatcher {
    let table: CommandTable
    let session: Session

    /// Parses and runs one command line (argv without the program name).
    func run(_ argv: [Word], settings: Settings = Settings()) -> ExitStatus {
        switch LineRunner(dispatcher: self).run(
            argv, settings: settings, policy: CommandLinePolicy(dispatcher: self))
        {
        case .done(let status): return status
        case .leave, .settings: return .success
        case .terminate(let signal): return Interrupts.exitStatus(for: signal)
        }
    }

    /// Prints help, or the version and the server's (asked within a second at most; a server
    /// that does not answer is said, and is no failure of `--version`).
    func show(_ parsed: ParsedCommand) -> ExitStatus {
        finish { () throws(CLIError) in
            switch parsed {
            case .help(let topic):
                let width = session.out.isTerminal ? Terminal.columns(of: session.out.fd) : nil
                try session.out.write(
                    HelpRenderer(table: table, voice: session.voice, width: width).render(topic))
            case .version(let settings):
                try session.out.writeLine("pottery \(Version.current) (\(Version.build))")
                try session.out.writeLine("server: " + serverLine(settings))
            default: break
            }
        }
    }

    /// `Redis 7.0.15 at redis://localhost:6379/0`, or why there is none.
    private func serverLine(_ given: Settings) -> String {
        var settings = given
        settings.timeout = min((try? settings.resolvedTimeout(session.environment)) ?? 1, 1)
        let name = session.serverName(for: settings)
        do {
            let server = try RedisKeyspace(redis: try session.connection(for: settings)).server()
            return "\(server) at \(name)"
        } catch {
            session.disconnect()
            let why = ErrorRenderer.reason(error)
            return "unknown at \(name) (\(why))"
        }
    }

    func run(_ argv: [String], settings: Settings = Settings()) -> ExitStatus {
        run([Word](strings: argv), settings: settings)
    }

    /// Runs one command, timing it for `--time`; its output is flushed before it counts as done, so
    /// a write that fails turns into the command's status. A `repeatable` command (the REPL's
    /// reads) whose connection is lost before it printed anything is said and run once more, on a
    /// new connection.
    func execute(_ invocation: Invocation, repeatable: Bool = false) -> ExitStatus {
        let context = CommandContext(invocation: invocation, session: session, table: table)
        var status = ExitStatus.success
        let timer = ContextTimer.measure {
            let printed = session.out.bytesWritten
            status = runHandler(invocation, context: context) { error in
                guard repeatable, session.out.bytesWritten == printed,
                    let lost = ErrorRenderer.redisError(in: error), lost.kind == .connectionLost
                else { return false }
                session.out.discard()
                session.err.writeLine(
                    "pottery: \(invocation.commandName): \(ErrorRenderer.reason(lost)); running it again on a new connection"
                )
                return true
            }
        }
        if invocation.settings.time {
            session.err.writeLine(
                "pottery: \(invocation.commandName): \(Self.milliseconds(timer.milliseconds)) ms")
        }
        return status
    }

    /// Runs the handler after the verb's traits are applied; flushes its output; reports its error,
    /// unless `again` asks (once) for the command to run again.
    private func runHandler(
        _ invocation: Invocation, context: CommandContext, again: ((any Error) -> Bool)? = nil
    ) -> ExitStatus {
        let status: ExitStatus
        do {
            if session.out.closedAtStart && invocation.verb.printsOutput(quiet: invocation.settings.quiet) {
                throw CLIError.closedOutput
            }
            try applyTraits(of: invocation.verb, to: context)
            let progress = watchProgress(of: invocation)
            var succeeded = false
            defer {
                session.stdin.onChunk = nil
                progress?.finish(line: session.stdin.lineNumber, summary: succeeded)
            }
            let handled = try invocation.verb.handler(context)
            try session.out.flush()
            succeeded = true
            status = handled
        } catch {
            if CLIError.isRedisFailure(error) { session.disconnect() }
            if let again, again(error) { return runHandler(invocation, context: context) }
            status = report(error, context: subject(of: invocation))
        }
        return status
    }

    /// What messages about a command name: `dict get user:1` (its first key), or `ping`.
    private func subject(of invocation: Invocation) -> String {
        let key = invocation.verb.arguments.first { $0.kind == .key }.flatMap {
            (invocation.arguments.values[$0.name] as? [UInt8]).map { " " + KeyDisplay.text($0) }
        }
        return invocation.commandName + (key ?? "")
    }

    /// A bulk verb reading its values from standard input (`-`) shows its progress (``Progress``).
    private func watchProgress(of invocation: Invocation) -> Progress? {
        guard invocation.verb.acceptsStdin, !session.stdinHoldsCommands,
            invocation.arguments.values.values.contains(where: { ($0 as? ValueSource) == .standardInput }),
            let progress = Progress.make(
                what: subject(of: invocation), settings: invocation.settings, err: session.err,
                stdin: session.stdin)
        else { return nil }
        session.stdin.onChunk = { progress.update(read: $0, line: $1) }
        return progress
    }

    /// What a verb's traits ask for, done here once for every verb: a verb that may block or runs a
    /// child gets the signal handlers (so Ctrl-C ends a wait with 130, or reaches the child); a verb of
    /// the quorum gets its masters connected, all at once (too few is a quorum error: 3, and a child
    /// never starts).
    private func applyTraits(of verb: VerbSpec, to context: CommandContext) throws {
        if !verb.traits.isDisjoint(with: [.mayBlock, .runsChild]) { Interrupts.install() }
        guard verb.traits.contains(.needsMasters) else { return }
        try context.connectMasters()
    }

    /// Runs output that is not a command's (help, version) and turns a write failure into a status.
    private func finish(_ body: () throws(CLIError) -> Void) -> ExitStatus {
        do {
            if session.out.closedAtStart { throw CLIError.closedOutput }
            try body()
            try session.out.flush()
            return .success
        } catch {
            return report(error, context: "")
        }
    }

    /// Renders `error` once on stderr (after what the command printed) and returns its status;
    /// `location` (`line 3`; by default the session's) goes first.
    func report(_ error: any Error, context: String, location: String? = nil) -> ExitStatus {
        if let output = error as? CLIError, case .output = output.kind {
            session.out.discard()
        } else {
            // What the command printed before it failed goes out before the message.
            do { try session.out.flush() } catch { session.out.discard() }
        }
        let (line, status) = ErrorRenderer.render(
            error, context: context, location: location ?? session.location, voice: session.voice)
        if let line { session.err.writeLine(line) }
        return status
    }

    /// Milliseconds with three decimals.
    static func milliseconds(_ value: Double) -> String {
        guard value.isFinite, value >= 0, value < 1e12 else { return "0.000" }
        let thousandths = Int((value * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
