import PotteryProcess
import Foundation
import RedisTestSupport
import Testing

@testable import PotteryCLI

/// Calls recorded from a handler (handlers are `@Sendable`).
final class CallLog: @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [[String]] = []
    func append(_ call: [String]) { lock.withLock { calls.append(call) } }
    var all: [[String]] { lock.withLock { calls } }
}

/// Lines as the REPL hands them out, read from a list.
final class ScriptedEditor: LineEditor {
    var events: [LineEvent]
    var remembered: [[UInt8]] = []

    init(_ lines: [String]) { events = lines.map { .line(Array($0.utf8)) } }

    func readLine(prompt: String) -> LineEvent { events.isEmpty ? .end : events.removeFirst() }
    func remember(_ line: [UInt8]) { remembered.append(line) }
    func configure(completer: Completer, hint: ReplHint?) {}
}

/// A session whose output and errors go to files, read back as text.
final class CapturedSession {
    let directory = NSTemporaryDirectory() + "pottery-repl-" + UUID().uuidString
    let session: Session
    private let outFD: Int32
    private let errFD: Int32

    init(url: String, environment: [String: String] = [:]) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        outFD = open(directory + "/out", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        errFD = open(directory + "/err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var variables = environment
        variables["POTTERY_URL"] = url
        let fixed = variables
        session = Session(
            environment: Environment { fixed[$0] }, out: OutputWriter(fd: outFD),
            err: DiagnosticWriter(fd: errFD),
            stdin: LineReader(fd: open("/dev/null", O_RDONLY)))
    }

    deinit {
        close(outFD)
        close(errFD)
        try? FileManager.default.removeItem(atPath: directory)
    }

    var out: String { (try? String(contentsOfFile: directory + "/out", encoding: .utf8)) ?? "" }
    var err: String { (try? String(contentsOfFile: directory + "/err", encoding: .utf8)) ?? "" }
}

@Suite struct ReplLineTests {
    @Test func typedLineFindsTheWordUnderTheCursor() {
        let plain = TypedLine(Array("dict get us".utf8))
        #expect(plain.words == ["dict", "get", "us"] && plain.currentStart == 9 && plain.context == .none)
        let blank = TypedLine(Array("dict get ".utf8))
        #expect(blank.words == ["dict", "get", ""] && blank.currentStart == 9)
        let quoted = TypedLine(Array("set has 'my ke".utf8))
        #expect(
            quoted.words == ["set", "has", "my ke"] && quoted.currentStart == 8 && quoted.context == .single)
        let escaped = TypedLine(Array("set has my\\ k".utf8))
        #expect(escaped.words == ["set", "has", "my k"] && escaped.currentStart == 8)
        #expect(TypedLine([]).words == [""])
    }

    @Test func aCompletedKeySplitsBackToTheSameWord() throws {
        for name in [
            "plain", "with space", "$(touch x)", "it's \"q\"", "#hash", "tab\there", "back\\slash", "é",
        ] {
            for typed in ["", "'", "\""] {
                let line = TypedLine(Array("set has \(typed)".utf8))
                let completed = "set has " + line.replacement(for: name, complete: true)
                #expect(try ShellWords.split(completed) == ["set", "has", name], "\(typed)\(name)")
            }
        }
    }

    @Test func linesWithPasswordsAreSecret() {
        for line in [
            "--url redis://:pw@host:6379/0", "-u redis://host", "--master redis://a:b@h", "ping -u redis://x",
            "ping --url=redis://h", "AUTH secret", "auth user pw", "ping -ru redis://h",
            "set add k redis://u:p@h",
            "dict get 'unterminated redis://a:b@h", "--url 'redis://user:pw@host/1'",
        ] {
            #expect(SecretLine.carriesSecret(Array(line.utf8)), "\(line)")
        }
        for line in [
            "dict get user:1 name", "ping", "set add k redis://host:6379", "keys 'u*'", "-r", "--time",
        ] {
            #expect(!SecretLine.carriesSecret(Array(line.utf8)), "\(line)")
        }
    }

    @Test func hintsShowTheRestOfTheSynopsis() {
        let hint = ReplHint(table: .standard)
        #expect(hint.hint(for: Array("dict has ".utf8)) == "KEY FIELD")
        #expect(hint.hint(for: Array("dict has".utf8)) == " KEY FIELD")
        #expect(hint.hint(for: Array("dict has k ".utf8)) == "FIELD")
        #expect(hint.hint(for: Array("dict has k f ".utf8)) == nil)
        // A verb with options shows them; several fields stay possible after one.
        #expect(hint.hint(for: Array("dict get k f ".utf8)) == "FIELD... [OPTIONS]")
        #expect(hint.hint(for: Array("dict ".utf8)) == "VERB")
        #expect(hint.hint(for: Array("ttl".utf8)) == " KEY")
        #expect(hint.hint(for: Array("dict g".utf8)) == nil)
        #expect(hint.hint(for: Array("nosuch ".utf8)) == nil)
        #expect(hint.hint(for: Array("dict get 'open ".utf8)) == nil)
    }

    @Test func historyFileIsPrivateWhateverTheUmask() throws {
        let path = NSTemporaryDirectory() + "pottery-history-" + UUID().uuidString
        defer { unlink(path) }
        let old = umask(0o022)
        defer { umask(old) }
        let history = HistoryFile(path: path)
        #expect(history.record(Array("dict get k f".utf8)))
        #expect(!history.record(Array("dict get k f".utf8)))  // a repeat
        #expect(!history.record(Array("--url redis://:pw@h".utf8)))
        #expect(!history.record(Array(" dict get hidden x".utf8)))
        #expect(history.record(Array("ping".utf8)))
        var status = stat()
        #expect(stat(path, &status) == 0 && status.st_mode & 0o777 == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "dict get k f\nping\n")
        chmod(path, 0o644)
        #expect(
            HistoryFile(path: path).load().map { String(decoding: $0, as: UTF8.self) } == [
                "dict get k f", "ping",
            ])
        #expect(stat(path, &status) == 0 && status.st_mode & 0o777 == 0o600)
        #expect(HistoryFile.resolve(Environment { $0 == "POTTERY_HISTFILE" ? "" : "/home/x" }) == nil)
        #expect(
            HistoryFile.resolve(Environment { $0 == "HOME" ? "/home/x" : nil })?.path
                == "/home/x/.pottery_history")
    }
}

@Suite struct ReplSessionTests {
    let server = RedisServerProcess.shared

    /// `POTTERY_HISTFILE` naming a FIFO: opening it used to wait for a reader (the first line
    /// hung; on a terminal, loading hung before the prompt). It is refused, said once, and the
    /// session runs without history.
    @Test func aFifoAsHistoryFileIsRefusedNeverWaitedOn() throws {
        let directory = NSTemporaryDirectory() + "pottery-fifo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fifo = directory + "/history"
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = PotteryBinary.run(
            ["repl"], stdin: "ping\nping\nquit\n", environment: ["POTTERY_HISTFILE": fifo], timeout: 15)
        #expect(!result.timedOut && result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText == "PONG\nPONG\n")
        #expect(
            result.stderrText.components(separatedBy: "not a regular file").count == 2, "\(result.stderrText)"
        )
        let history = HistoryFile(path: fifo)
        #expect(history.problem() != nil)
        #expect(history.load().isEmpty && !history.record(Array("ping".utf8)))
        // A symlink to a regular file serves (dotfile managers make them).
        let target = directory + "/real"
        #expect(symlink(target, directory + "/link") == 0)
        let linked = HistoryFile(path: directory + "/link")
        #expect(linked.problem() == nil && linked.record(Array("ping".utf8)))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "ping\n")
    }

    @Test func linesRunOverOneSessionAndErrorsDoNotEndIt() throws {
        let key = uniqueKey("repl")
        let captured = try CapturedSession(url: server.url)
        let editor = ScriptedEditor([
            "dict set \(key) name 'jack smith'", "dict get \(key) name", "nosuch", "dict get \(key)",
            "'unterminated",
            "-r\ndict get \(key) name", "--no-raw", "dict get \(key) name", "quit", "dict get \(key) never",
        ])
        let repl = Repl(
            dispatcher: Dispatcher(table: .standard, session: captured.session), settings: Settings(),
            editor: editor,
            history: nil)
        #expect(repl.run() == .success)
        #expect(captured.out == "\"jack smith\"\njack smith\n\"jack smith\"\n")
        let errors = captured.err.split(separator: "\n").map(String.init)
        #expect(errors.count == 5, "\(errors)")
        #expect(errors[0].contains("unknown command 'nosuch'"))
        #expect(errors[2].contains("unterminated single quote"))
        #expect(errors[3] == "pottery: raw output on" && errors[4] == "pottery: raw output off")
        #expect(editor.events.count == 1)  // quit left the last line unread
        #expect(repl.prompt == "127.0.0.1:\(server.port)/0> ")
    }

    @Test func aURLLineReconnectsAndThePromptFollowsWithoutPassword() throws {
        let captured = try CapturedSession(url: server.url)
        let repl = Repl(
            dispatcher: Dispatcher(table: .standard, session: captured.session), settings: Settings(),
            editor: ScriptedEditor([]), history: nil)
        #expect(repl.runLine(Array("--url redis://:secret@127.0.0.1:\(server.port)/3".utf8)) == .next)
        // The server has no password: AUTH fails, and the prompt says the session is not connected.
        #expect(repl.prompt == "127.0.0.1:\(server.port)/3 (not connected)> ")
        #expect(!captured.err.contains("secret"))
        #expect(repl.runLine(Array("--url redis://127.0.0.1:\(server.port)/0 --time".utf8)) == .next)
        #expect(repl.settings.time && repl.prompt == "127.0.0.1:\(server.port)/0> ")
        #expect(repl.runLine(Array("ping".utf8)) == .next)
        #expect(captured.out == "PONG\n")
        #expect(captured.err.contains("pottery: ping: ") && captured.err.contains(" ms"))
    }

    /// A negative answer that printed nothing says so in the REPL, in the table's words; one that
    /// printed (a predicate's `false`) and one under `-q` do not.
    @Test func negativeAnswersAreVisible() throws {
        let captured = try CapturedSession(url: server.url)
        let repl = Repl(
            dispatcher: Dispatcher(table: .standard, session: captured.session), settings: Settings(),
            editor: ScriptedEditor([]), history: nil)
        let key = uniqueKey("negative")
        for line in ["dict get \(key) f", "set has \(key) x", "ttl \(key)", "-q", "dict get \(key) f"] {
            #expect(repl.runLine(Array(line.utf8)) == .next)
        }
        #expect(captured.out == "false\n")
        #expect(
            captured.err.split(separator: "\n") == [
                "(status 1: the field is absent)", "(status 1: there is no key)", "pottery: quiet on",
            ])
        for (group, verb) in CommandTable.standard.allVerbs where verb.prints.contains("status 1 if") {
            #expect(verb.negativeAnswer.count > "status 1: ".count, "\(group.commandName(of: verb))")
        }
    }

    /// A line whose first word is a server command, not one of ours, runs as that command (case as
    /// typed: `keys` is pottery's verb); an unknown word stays an unknown command.
    @Test func serverCommandsRunAsTheyAre() throws {
        let captured = try CapturedSession(url: server.url)
        let repl = Repl(
            dispatcher: Dispatcher(table: .standard, session: captured.session), settings: Settings(),
            editor: ScriptedEditor([]), history: nil)
        let key = uniqueKey("rawline")
        for line in ["SET \(key) v", "get \(key)", "keys \(key)", "HGET \(key) f", "nosuch x"] {
            #expect(repl.runLine(Array(line.utf8)) == .next)
        }
        #expect(captured.out == "OK\nv\n\(key)\n")
        #expect(captured.err.contains("pottery: redis (") && captured.err.contains("WRONGTYPE"))
        #expect(captured.err.contains("unknown command 'nosuch'"))
        #expect(HistoryFile.keeps(Array("HELLO 3 AUTH user pw".utf8)) == false)
        #expect(HistoryFile.keeps(Array("MIGRATE h 1 k 0 5 AUTH pw".utf8)) == false)
    }

    /// A line of options means what it means on the command line: a flag turns on and `--no-FLAG`
    /// off, the last value mode given wins, values replace (`--master`s replace the session's), a
    /// batch-only option does nothing; each option named is said in one line, in the table's order.
    @Test func optionLinesChangeTheSessionAsTheTableBindsThem() throws {
        let captured = try CapturedSession(url: server.url)
        let repl = Repl(
            dispatcher: Dispatcher(table: .standard, session: captured.session), settings: Settings(),
            editor: ScriptedEditor([]), history: nil)
        for line in [
            "-s --quiet", "--string", "--no-string", "--timeout 2 --master redis://a --master redis://b",
            "--master redis://c", "--keep-going", "-j -s", "-j --no-pager --no-quiet", "-r", "-r",
            "--no-raw",
        ] {
            #expect(repl.runLine(Array(line.utf8)) == .next)
        }
        #expect(
            captured.err.split(separator: "\n") == [
                "pottery: quiet on, values: string", "pottery: values: string", "pottery: values: auto",
                "pottery: 2 master(s), timeout 2.0 s", "pottery: 1 master(s)", "pottery: values: string",
                "pottery: quiet off, values: json, pager off", "pottery: raw output on",
                "pottery: raw output on", "pottery: raw output off",
            ])
        #expect(repl.settings.masters == ["redis://c"] && repl.settings.timeout == 2)
        #expect(!repl.settings.keepGoing && repl.settings.valueMode == .json && !repl.settings.pager)
        #expect(!repl.settings.raw && !repl.settings.quiet)
    }

    /// With a `lock` group in the table, the locks still held are released through `lock release`
    /// on leaving, each said; without one, nothing happens.
    @Test func heldLocksAreReleasedOnLeaving() throws {
        let released = CallLog()
        let key = Argument.key()
        let token = Argument.word("TOKEN", "the token")
        let lock = GroupSpec(
            "lock", "test locks",
            verbs: [
                VerbSpec("release", "release", arguments: [key, token]) { context in
                    released.append([String(decoding: context[key], as: UTF8.self), context[token]])
                    return context[token] == "good" ? .success : .negative
                }
            ])
        let withoutLocks = CommandTable.standard.groups.filter { $0.name != "lock" }
        let table = CommandTable(groups: withoutLocks + [lock])
        let captured = try CapturedSession(url: server.url)
        let here = [server.url]
        captured.session.heldLocks = [
            Array("-a".utf8): HeldLock(token: "good", masters: here),
            Array("b".utf8): HeldLock(token: "stale", masters: here),
            Array("c".utf8): HeldLock(token: "good", masters: here),
        ]
        let repl = Repl(
            dispatcher: Dispatcher(table: table, session: captured.session), settings: Settings(),
            editor: ScriptedEditor(["ping", "lock release c"]), history: nil)
        #expect(repl.run() == .success)
        // `lock release c` took the session's token; the others were released on leaving.
        #expect(released.all == [["c", "good"], ["-a", "good"], ["b", "stale"]])
        #expect(captured.err.contains("pottery: released lock -a"))
        #expect(captured.err.contains("pottery: could not release lock b (status 1)"))
        #expect(captured.session.heldLocks.isEmpty)

        let plain = try CapturedSession(url: server.url)
        plain.session.heldLocks = [Array("k".utf8): HeldLock(token: "t", masters: [server.url])]
        _ = Repl(
            dispatcher: Dispatcher(table: CommandTable(groups: withoutLocks), session: plain.session),
            settings: Settings(), editor: ScriptedEditor([]), history: nil
        ).run()
        #expect(plain.err.isEmpty && plain.session.heldLocks.count == 1)
    }
}
