import PotteryProcess

/// The one front door: a line of words, from argv, a batch line or a REPL line, is parsed against
/// the table and run as what it asks for (a command, help, the version, or options alone). What
/// differs between the three places is their ``LinePolicy``; every error is rendered by
/// ``ErrorRenderer`` through ``Dispatcher/report(_:context:location:)``.
struct LineRunner {
    let dispatcher: Dispatcher

    /// Splits a batch or REPL line like a shell (SPEC §6), then runs it; an empty line does nothing.
    func run(line: [UInt8], settings: Settings, policy: some LinePolicy) -> LineOutcome {
        let words: [Word]
        do {
            words = try ShellWords.split(bytes: line)
        } catch {
            return .done(dispatcher.report(error, context: "", location: policy.location))
        }
        if words.isEmpty { return .done(.success) }
        return run(words, settings: settings, policy: policy)
    }

    func run(_ given: [Word], settings: Settings, policy: some LinePolicy) -> LineOutcome {
        let words = policy.prepare(given)
        let parsed: ParsedCommand
        do {
            parsed = try parse(words, settings: settings)
        } catch {
            return .done(dispatcher.report(error, context: "", location: policy.location))
        }
        switch parsed {
        case .version, .help:
            return .done(dispatcher.show(parsed))
        case .interactive(let changed):
            return policy.optionsAlone(changed, words: words)
        case .run(let invocation):
            let traits = invocation.verb.traits
            if traits.contains(.endsSession) { return policy.endSession(invocation) }
            if traits.contains(.opensSession) { return policy.openSession(invocation) }
            return policy.execute(invocation)
        }
    }
}

extension LineRunner {
    /// Parses `words`; when they (or `POTTERY_PROFILE`) name a profile not yet loaded, loads it and
    /// parses again, so that its value mode reads the arguments. No profile named, no file read.
    func parse(_ words: [Word], settings: Settings) throws -> ParsedCommand {
        let parser = ArgvParser(table: dispatcher.table)
        let parsed = try parser.parse(words, settings: settings)
        let environment = dispatcher.session.environment
        guard let named = parsed.settings, let name = named.profileName(environment),
            named.fromProfile?.name != name
        else { return parsed }
        var loaded = settings
        loaded.fromProfile = try Profiles.load(name, environment: environment)
        return try parser.parse(words, settings: loaded)
    }
}

/// What running one line asks of the loop that read it.
enum LineOutcome {
    /// The line ran (or failed) with this status; read the next one.
    case done(ExitStatus)
    /// Batch mode: a line of options alone gives the settings of the lines after it.
    case settings(Settings)
    /// `quit`: the session ends here.
    case leave
    /// A signal other than Ctrl-C arrived: the session ends with 128 + it.
    case terminate(Int32)
}

/// What differs between argv (``CommandLinePolicy``), batch mode (``BatchRunner``) and the REPL
/// (``Repl``); the defaults are the command line's.
protocol LinePolicy {
    var dispatcher: Dispatcher { get }
    /// Where a usage error is located (`line 3`), if anywhere.
    var location: String? { get }
    /// The words as the line will be parsed (the REPL adds the token of a lock it holds).
    func prepare(_ words: [Word]) -> [Word]
    /// A line of options alone; `settings` are the current ones with the line's options applied.
    func optionsAlone(_ settings: Settings, words: [Word]) -> LineOutcome
    /// Runs a command.
    func execute(_ invocation: Invocation) -> LineOutcome
    /// `repl`.
    func openSession(_ invocation: Invocation) -> LineOutcome
    /// `quit`, `exit`.
    func endSession(_ invocation: Invocation) -> LineOutcome
}

extension LinePolicy {
    var location: String? { nil }
    func prepare(_ words: [Word]) -> [Word] { words }
    func execute(_ invocation: Invocation) -> LineOutcome { .done(dispatcher.execute(invocation)) }
    func openSession(_ invocation: Invocation) -> LineOutcome { execute(invocation) }
    func endSession(_ invocation: Invocation) -> LineOutcome { .leave }
}

/// argv: options alone start batch mode (the REPL on a terminal); `quit` has nothing to end (its
/// handler says so).
struct CommandLinePolicy: LinePolicy {
    let dispatcher: Dispatcher

    func optionsAlone(_ settings: Settings, words: [Word]) -> LineOutcome {
        .done(BatchRunner(dispatcher: dispatcher, settings: settings).run())
    }

    func endSession(_ invocation: Invocation) -> LineOutcome { execute(invocation) }
}
