import PotteryCore

/// Runs parsed commands: the one place where handlers are called, errors rendered, and statuses decided.
struct Dispatcher {
    let table: CommandTable
    let session: Session

    /// Parses and runs one command line (argv without the program name).
    func run(_ argv: [String], settings: Settings = Settings()) -> ExitStatus {
        if argv.first == Generator.command {
            guard argv.count == 2, let text = Generator.render(argv[1], table: table) else {
                return report(CLIError.usage("usage: pottery __generate man|bash|zsh|fish"), context: "")
            }
            session.out.write(text)
            return .success
        }
        if argv.first == CompleteCommand.name {
            guard CompleteCommand.run(Array(argv.dropFirst()), table: table, session: session) else {
                return report(CLIError.usage(CompleteCommand.usage), context: "")
            }
            return .success
        }
        let parsed: ParsedCommand
        do {
            parsed = try ArgvParser(table: table).parse(argv, settings: settings)
        } catch {
            return report(error, context: "")
        }
        switch parsed {
        case .version:
            session.out.writeLine("pottery \(Version.current)")
            return .success
        case .help(let topic):
            session.out.write(HelpRenderer(table: table).render(topic))
            return .success
        case .interactive(let settings):
            return BatchRunner(dispatcher: self, settings: settings).run()
        case .run(let invocation):
            return execute(invocation)
        }
    }

    /// Runs one command, timing it for `--time`.
    func execute(_ invocation: Invocation) -> ExitStatus {
        let context = CommandContext(invocation: invocation, session: session)
        let timer = ContextTimer()
        timer.start()
        let status: ExitStatus
        do {
            status = try invocation.verb.handler(context)
        } catch {
            let key = invocation.arguments.first("KEY").map { " \($0)" } ?? ""
            if CLIError.isRedisFailure(error) { session.disconnect() }
            status = report(error, context: invocation.commandName + key)
        }
        timer.stop()
        session.out.flush()
        if invocation.settings.time {
            session.err.writeLine(
                "pottery: \(invocation.commandName): \(Self.milliseconds(timer.elapsed)) ms")
            session.err.flush()
        }
        return status
    }

    private func report(_ error: any Error, context: String) -> ExitStatus {
        session.out.flush()
        let (line, status) = ErrorRenderer.render(error, context: context)
        session.err.writeLine(line)
        session.err.flush()
        return status
    }

    /// Milliseconds with three decimals.
    static func milliseconds(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
