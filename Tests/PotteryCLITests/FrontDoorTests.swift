import Foundation
import PotteryProcess
import RedisTestSupport
import Testing

@testable import PotteryCLI

/// One grammar, one front door: the scanner's partial mode (completion, hints) reads every prefix of
/// a command line as its strict mode (running it) does; hidden entries are table entries that help,
/// completion and the man page leave out and `__table` lists; argv, batch lines and REPL lines reach
/// them through the same runner, each with its own policy.
@Suite struct FrontDoorTests {
    let table = CommandTable.standard

    /// Command lines from the table's own examples and a few with options in every place.
    var lines: [[String]] {
        get throws {
            var lines = try table.examples.compactMap { example -> [String]? in
                let words = try ShellWords.split(example.command)
                guard words.first == "pottery", !example.command.contains("|") else { return nil }
                return Array(words.dropFirst())
            }
            lines += [
                ["-u", "redis://h:1/2", "--timeout", "3", "dict", "-r", "get", "k", "f", "-q"],
                ["set", "--", "add", "k", "-x"], ["keys", "-0", "p*"], ["--", "ping"],
                ["lock", "run", "k", "--ttl", "5", "--", "sh", "-c", "echo -n"],
                ["queue", "get", "--timeout", "0", "q"], ["help", "dict", "get"],
            ]
            return lines
        }
    }

    @Test func partialAndStrictScansAgreeOnEveryPrefix() throws {
        let scanner = CommandLineScanner(table: table)
        #expect(try lines.count > 12)
        var compared = 0
        defer { #expect(compared > 80) }
        for line in try lines {
            for count in 0...line.count {
                let prefix = [Word](strings: Array(line[..<count]))
                // Strict mode throws where a value is still missing; partial mode then waits for it.
                guard let strict = try? scanner.scan(prefix, settings: Settings(), mode: .strict) else {
                    continue
                }
                if strict.wantsVersion { continue }
                let partial = try scanner.scan(prefix, settings: Settings(), mode: .partial)
                let where_ = "\(line[..<count])"
                compared += 1
                #expect(describe(strict.position) == describe(partial.position), "\(where_)")
                #expect(strict.positionals == partial.positionals, "\(where_)")
                #expect(strict.rest == partial.rest, "\(where_)")
                #expect(strict.globals.map(\.option.long) == partial.globals.map(\.option.long), "\(where_)")
                #expect(strict.verbOptions == partial.verbOptions, "\(where_)")
                #expect(partial.pendingValue == nil, "\(where_)")
            }
        }
    }

    private func describe(_ position: CommandLineScanner.Position) -> String {
        switch position {
        case .start: "start"
        case .group(let group): "group \(group.name)"
        case .verb(let group, let verb): "verb \(group.commandName(of: verb))"
        case .help(let topics): "help \(topics.map(\.text))"
        case .unknownCommand(let word): "unknown \(word.text)"
        case .unknownVerb(let group, let word): "unknown \(group.name) \(word.text)"
        }
    }

    @Test func hiddenEntriesAreFoundButNeverShown() throws {
        let hidden = table.allVerbs.filter { $0.1.traits.contains(.hidden) }
        #expect(Set(hidden.map(\.1.name)) == ["quit", "connect", "__complete", "__generate", "__table"])
        let help = HelpRenderer(table: table).render(.program)
        let man = try #require(Generator.render("man", table: table))
        #expect(help.contains("  ping ") && man.contains("fBpottery ping"))
        let firstWords = Completer(table: table).complete(words: [""]).map(\.text)
        let underscored = Completer(table: table).complete(words: ["_"]).map(\.text)
        for (group, verb) in hidden {
            #expect(table.topLevelVerb(named: verb.name) != nil, "\(verb.name)")
            #expect(!group.verbs.contains { $0.name == verb.name })
            #expect(
                !help.contains("\n  \(verb.name) ") && !man.contains("fBpottery \(verb.name)"), "\(verb.name)"
            )
            #expect(!firstWords.contains(verb.name) && underscored.isEmpty, "\(verb.name)")
        }
        #expect(table.topLevelVerb(named: "exit")?.1.name == "quit")
    }

    /// `pottery __table` is one JSON document holding every entry of the table, hidden ones marked.
    @Test func tableDumpListsEveryEntry() throws {
        let result = PotteryBinary.run(["__table"], server: nil)
        #expect(result.status == 0 && result.stderrText.isEmpty)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdoutText.utf8)) as? [String: Any])
        let groups = try #require(document["groups"] as? [[String: Any]])
        let verbs = groups.flatMap { ($0["verbs"] as? [[String: Any]]) ?? [] }
        #expect(
            verbs.compactMap { $0["command"] as? String } == table.allVerbs.map { $0.0.commandName(of: $0.1) }
        )
        let hidden = verbs.filter { (($0["traits"] as? [String]) ?? []).contains("hidden") }
        #expect(
            Set(hidden.compactMap { $0["name"] as? String }) == [
                "quit", "connect", "__complete", "__generate", "__table",
            ])
        let globals = try #require(document["globalOptions"] as? [[String: Any]])
        #expect(globals.compactMap { $0["long"] as? String } == GlobalOptions.all.map(\.long))
        let dictGet = try #require(verbs.first { $0["command"] as? String == "dict get" })
        #expect(dictGet["synopsis"] as? String == "KEY FIELD...")
    }

    /// `quit` ends a batch (the lines after it are not read) and leaves the REPL; on the command line
    /// there is nothing to end; `repl` inside the REPL is refused with its name.
    @Test func sessionWordsFollowThePolicyOfWhereTheyAreRead() throws {
        let server = RedisServerProcess.shared
        let batch = PotteryBinary.run([], stdin: "ping\nquit\nnosuch\n")
        #expect(batch.status == 0 && batch.stdoutText == "PONG\n" && batch.stderrText.isEmpty)
        let argv = PotteryBinary.run(["quit"], server: nil)
        #expect(argv.status == 2 && argv.stderrText.contains("quit"))
        let badLine = PotteryBinary.run([], stdin: "ping\ndict get k\nping\n")
        #expect(badLine.status == 2 && badLine.stdoutText == "PONG\n")
        #expect(badLine.stderrText.hasPrefix("pottery: line 2: dict get: missing argument FIELD"))

        let captured = try CapturedSession(url: server.url)
        let repl = Repl(
            dispatcher: Dispatcher(table: table, session: captured.session), settings: Settings(),
            editor: ScriptedEditor([]), history: nil)
        #expect(repl.runLine(Array("repl".utf8)) == .next)
        #expect(repl.runLine(Array("exit".utf8)) == .quit)
        #expect(captured.err == "pottery: repl: already in the REPL\n")
    }
}
