import PotteryProcess
import CPotteryReadline
import RedisClient

#if canImport(Glibc)
    import Glibc
#endif

/// The interactive session (SPEC §6): one line is one command without the program name, split like a
/// shell's, run by the one dispatcher over the session's one connection. An error prints its line and
/// the session goes on; Ctrl-C abandons the line or the waiting command, never the session; a line of
/// options alone changes the session (`--url` reconnects, flags toggle); on leaving, the locks still
/// held in the session are released.
final class Repl {
    let dispatcher: Dispatcher
    private(set) var settings: Settings
    let editor: any LineEditor
    let history: HistoryFile?
    /// The lock whose token ``prepare(_:)`` supplied to the line being run.
    var suppliedLock: [UInt8]?
    /// The shell of the line being run, when it ends in `| PIPELINE`.
    var pipe: OutputReader?
    /// The command names of the server the session talks to, once asked (see `prepare(_:)`).
    var serverCommands: ServerCommands?

    init(dispatcher: Dispatcher, settings: Settings, editor: any LineEditor, history: HistoryFile?) {
        self.dispatcher = dispatcher
        self.settings = settings
        self.editor = editor
        self.history = history
    }

    /// The REPL on this process's terminal (readline), or over plain lines when standard input is not
    /// one.
    static func open(dispatcher: Dispatcher, settings: Settings) -> ExitStatus {
        let session = dispatcher.session
        var history = HistoryFile.resolve(session.environment)
        if let file = history, let why = file.problem() {
            session.err.writeLine(
                "pottery: warning: history file \(file.path): \(why); no history this session")
            history = nil
        }
        session.historyNote = history?.path ?? "off"
        let editor: any LineEditor
        let readlineLoaded = isatty(0) != 0 && prl_load() == 0
        if isatty(0) != 0 && !readlineLoaded {
            session.err.writeLine(
                "pottery: warning: no line editing: " + String(cString: prl_load_error()))
        }
        if readlineLoaded {
            let readline = ReadlineEditor()
            readline.load(history?.load() ?? [])
            editor = readline
            session.err.writeLine(
                "pottery \(Version.current): 'help' for commands, 'help STRUCTURE' for one, 'quit' or Ctrl-D to leave"
            )
        } else {
            editor = PlainLineEditor(reader: session.stdin)
        }
        return Repl(dispatcher: dispatcher, settings: settings, editor: editor, history: history).run()
    }

    var session: Session { dispatcher.session }

    /// `127.0.0.1:6379/0> `: the server without user or password; `127.0.0.1:6379/0 (not
    /// connected)> ` while the last attempt to reach it failed.
    var prompt: String {
        let text = settings.resolvedURL(session.environment)
        guard let url = try? RedisURL(parsing: text) else { return "(bad URL)> " }
        let state = session.unreachable == text ? " (not connected)" : ""
        switch url.endpoint {
        case .tcp: return "\(url.address)/\(url.db)\(state)> "
        case .unix: return "\(url.address)?db=\(url.db)\(state)> "
        }
    }

    /// Connects before the first prompt, as redis-cli does, so that the prompt tells the truth; a
    /// server that cannot be reached is said, and the session goes on.
    private func connectFirst() {
        do {
            _ = try session.connection(for: settings)
        } catch {
            if Interrupts.take() == nil {
                _ = dispatcher.report(error, context: "")
            } else if isatty(2) != 0 {
                session.err.writeLine("")
            }
        }
    }

    func run() -> ExitStatus {
        Interrupts.install()
        // A pager that quits early is a reader that went away: EPIPE ends that command, not the REPL.
        signal(SIGPIPE, SIG_IGN)
        session.stdinHoldsCommands = true
        session.voice = .repl
        defer { session.voice = .commandLine }
        session.onReconnect = { [session] server in
            session.err.writeLine("pottery: the server had closed the connection; reconnected to \(server)")
        }
        defer { session.onReconnect = nil }
        connectFirst()
        var status = ExitStatus.success
        loop: while true {
            Interrupts.clear()
            configureEditor()
            switch editor.readLine(prompt: prompt) {
            case .end: break loop
            case .interrupted: continue
            case .terminated(let signal):
                status = Interrupts.exitStatus(for: signal)
                break loop
            case .line(let text):
                // A paste of several lines (readline's bracketed paste keeps them in one) runs them in
                // turn.
                for line in text.split(separator: 0x0A).map(Array.init) {
                    if HistoryFile.keeps(line) { editor.remember(line) }
                    history?.record(line)
                    switch runLine(line) {
                    case .next: continue
                    case .quit: break loop
                    case .terminate(let signal):
                        status = Interrupts.exitStatus(for: signal)
                        break loop
                    }
                }
            }
        }
        Interrupts.clear()
        releaseLocks()
        return status
    }

    private func configureEditor() {
        // The server's commands are asked for once it answers, never at a prompt while it does not.
        let server =
            session.isConnected(for: settings)
            ? knownCommands()
            : serverCommands.flatMap { $0.server == session.serverName(for: settings) ? $0 : nil }
        var completer = Completer.live(table: dispatcher.table, session: session, settings: settings)
        completer.serverCommands = server
        editor.configure(completer: completer, hint: ReplHint(table: dispatcher.table, server: server))
        ReadlineHints.promptWidth = prompt.count
    }

    enum Outcome: Equatable {
        case next
        case quit
        case terminate(Int32)
    }

    /// Runs one line: a command, help, `quit`/`exit`, or options that change the session; a line
    /// `COMMAND | PIPELINE` runs the command with its output piped into `sh -c PIPELINE`; `N LINE`
    /// runs LINE N times, as redis-cli does, until one fails (a negative answer goes on) or Ctrl-C.
    func runLine(_ line: [UInt8]) -> Outcome {
        suppliedLock = nil
        var words: [Word]
        let pipeline: [UInt8]?
        do {
            (words, pipeline) = try ShellWords.splitAtPipe(bytes: line)
        } catch {
            _ = dispatcher.report(error, context: "")
            return .next
        }
        var times = 1
        if words.count > 1, let count = Self.repeatCount(words[0]) {
            times = count
            words.removeFirst()
        }
        let runner = LineRunner(dispatcher: dispatcher)
        let repeated = { () -> LineOutcome in
            var outcome = LineOutcome.done(.success)
            for _ in 0..<times {
                outcome = runner.run(words, settings: self.settings, policy: self)
                guard case .done(let status) = outcome, status == .success || status == .negative,
                    Interrupts.pending == nil
                else { break }
            }
            return outcome
        }
        let ran: LineOutcome
        if let pipeline {
            ran = piping(into: pipeline, repeated)
        } else if words.isEmpty {
            ran = .done(.success)
        } else {
            ran = repeated()
        }
        switch ran {
        case .leave: return .quit
        case .terminate(let signal): return .terminate(signal)
        case .done, .settings: break
        }
        if let signal = Interrupts.take() {
            // The command was abandoned mid-reply: its connection is out of step, so the next command
            // gets a fresh one.
            session.disconnect()
            session.out.discard()
            if signal != SIGINT { return .terminate(signal) }
            // The terminal echoed ^C; the prompt goes on the next row.
            if isatty(2) != 0 { session.err.writeLine("") }
        }
        return .next
    }

    /// A line's first word as redis-cli's repeat count: a number from 1 to 1 000 000.
    static func repeatCount(_ word: Word) -> Int? {
        guard word.bytes.count <= 7, word.bytes.allSatisfy({ (0x30...0x39).contains($0) }),
            let count = Int(word.text), (1...1_000_000).contains(count)
        else { return nil }
        return count
    }

    /// Runs `body` with the output going into `sh -c PIPELINE` (no pager; the command's output is a
    /// pipe's, not a terminal's, as on the command line), then waits for the shell.
    private func piping(into pipeline: [UInt8], _ body: () -> LineOutcome) -> LineOutcome {
        let text = String(decoding: pipeline, as: UTF8.self)
        guard text.contains(where: { !$0.isWhitespace }) else {
            return .done(dispatcher.report(CLIError.usage("nothing after '|' to pipe into"), context: ""))
        }
        guard let reader = OutputReader.start(["/bin/sh", "-c", text]) else {
            let why = String(cString: strerror(errno))
            return .done(dispatcher.report(CLIError.usage("cannot start /bin/sh: \(why)"), context: ""))
        }
        pipe = reader
        session.out.sink = { FileDescriptor.writeAll(reader.input, $0) }
        session.out.terminal = false
        defer {
            _ = try? session.out.flush()
            session.out.sink = nil
            session.out.terminal = nil
            session.out.reset()
            reader.finish()
            pipe = nil
        }
        return body()
    }

    /// A line of options alone: they change the session's settings as they would a command line's
    /// (a flag turns on, `--no-FLAG` off, a value replaces, the last one wins; `--master`s replace
    /// the session's); each option named is said in one phrase, in the table's order, and an option
    /// of the connection reconnects, said last.
    func change(by given: [CommandLineScanner.GivenOption]) -> LineOutcome {
        var new = settings
        let named = Set(given.map(\.option.long))
        for option in GlobalOptions.all where named.contains(option.long) { option.setting?.clearList(&new) }
        for option in given {
            guard let binding = option.option.setting else { continue }
            if case .ignored = binding.inSession { continue }
            if option.negated {
                binding.negate(&new)
            } else {
                try? binding.apply(option.value, option: option.option.long, to: &new)
            }
        }
        if let name = new.profileName(session.environment), new.fromProfile?.name != name {
            do {
                new.fromProfile = try Profiles.load(name, environment: session.environment)
            } catch {
                return .done(dispatcher.report(error, context: ""))
            }
        }
        var said: [String] = []
        var reconnect = false
        for option in GlobalOptions.all where named.contains(option.long) {
            switch option.setting?.inSession {
            case .said(let phrase)?: if !said.contains(phrase(new)) { said.append(phrase(new)) }
            case .reconnects?: reconnect = true
            case .ignored?, nil: break
            }
        }
        settings = new
        if reconnect {
            session.disconnect()
            do {
                _ = try session.connection(for: settings)
                said.append("connected to \(session.serverName(for: settings))")
            } catch {
                if let signal = Interrupts.take() {
                    session.disconnect()
                    if signal != SIGINT { return .terminate(signal) }
                    if isatty(2) != 0 { session.err.writeLine("") }
                } else {
                    _ = dispatcher.report(error, context: "")
                }
            }
        }
        if !said.isEmpty { session.err.writeLine("pottery: " + said.joined(separator: ", ")) }
        return .done(.success)
    }

    /// Releases, through the table's own `lock release`, every lock this session still holds, on
    /// the masters that hold it; does nothing when the table has no `lock` group.
    func releaseLocks() {
        guard !session.heldLocks.isEmpty, let group = dispatcher.table.group(named: "lock"),
            group.verb(named: "release") != nil
        else { return }
        for (key, held) in session.heldLocks.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            session.heldLocks[key] = nil
            let words = [Word("lock"), Word("release"), Word("--"), Word(key), Word(held.token)]
            let name = KeyDisplay.text(key)
            var quiet = settings
            quiet.quiet = true
            quiet.time = false
            guard
                case .run(let invocation)? = try? ArgvParser(table: dispatcher.table).parse(
                    words, settings: quiet)
            else { continue }
            let status = dispatcher.execute(invocation.on(masters: held.masters))
            session.err.writeLine(
                status == .success
                    ? "pottery: released lock \(name)"
                    : "pottery: could not release lock \(name) (status \(status.rawValue))")
        }
    }
}
