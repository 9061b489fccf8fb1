import PotteryProcess
import Testing

@testable import PotteryCLI

@Suite struct ArgvParserTests {
    let parser = ArgvParser(table: .standard)

    func invocation(_ argv: [String]) throws -> Invocation {
        guard case .run(let invocation) = try parser.parse(argv) else {
            Issue.record("not a command to run: \(argv)")
            throw CLIError.usage("not a command")
        }
        return invocation
    }

    func usageError(_ argv: [String]) -> CLIError? {
        do {
            _ = try parser.parse(argv)
            return nil
        } catch {
            return error
        }
    }

    func words(_ invocation: Invocation, _ name: String) -> [String] {
        switch invocation.arguments.values[name] {
        case let bytes as [UInt8]: return [String(decoding: bytes, as: UTF8.self)]
        case let list as [[UInt8]]: return list.map { String(decoding: $0, as: UTF8.self) }
        case let source as ValueSource:
            if case .arguments(let list) = source { return list.map { String(decoding: $0, as: UTF8.self) } }
            return ["-"]
        default: return []
        }
    }

    @Test func optionsMayStandAnywhereAfterTheVerb() throws {
        let parsed = try invocation(["dict", "get", "-r", "k", "--url", "redis://h:1/2", "f", "-q"])
        #expect(words(parsed, "KEY") == ["k"])
        #expect(words(parsed, "FIELD") == [#""f""#])
        #expect(parsed.settings.raw && parsed.settings.quiet)
        #expect(parsed.settings.url == "redis://h:1/2")
    }

    @Test func globalOptionsBeforeTheCommand() throws {
        let parsed = try invocation(["-j", "--timeout=2.5", "set", "add", "k", "1"])
        #expect(parsed.settings.valueMode == .json)
        #expect(parsed.settings.timeout == 2.5)
    }

    @Test func negativeNumbersAndSlicesAreValues() throws {
        let parsed = try invocation(["set", "add", "k", "-7", "-3:", "-0.5", "-Infinity"])
        #expect(words(parsed, "V") == ["-7", #""-3:""#, "-0.5", "-Infinity"])
    }

    @Test func doubleDashEndsOptions() throws {
        let parsed = try invocation(["set", "add", "k", "--", "--raw", "-q"])
        #expect(words(parsed, "V") == [#""--raw""#, #""-q""#])
        #expect(!parsed.settings.raw)
        // `--` between the structure and the verb ends options too: the verb still follows.
        let early = try invocation(["dict", "--", "get", "k", "-f"])
        #expect(words(early, "FIELD") == [#""-f""#])
    }

    @Test func clusteredShortOptions() throws {
        let parsed = try invocation(["dict", "get", "k", "f", "-rqs"])
        #expect(parsed.settings.raw && parsed.settings.quiet && parsed.settings.valueMode == .string)
    }

    @Test func dashAloneReadsStandardInput() throws {
        let parsed = try invocation(["set", "add", "k", "-"])
        #expect(parsed.arguments.values["V"] as? ValueSource == .standardInput)
        #expect(usageError(["set", "add", "k", "a", "-"]) != nil)
    }

    @Test func pairsMustBeComplete() {
        #expect(
            usageError(["dict", "set", "k", "a", "1", "b"])?.message.contains("'b' has no value") == true)
        #expect(usageError(["dict", "set", "k", "a"])?.message.contains("'a' has no value") == true)
        #expect(usageError(["dict", "set", "k"])?.message.contains("missing argument FIELD") == true)
    }

    @Test func missingArgumentsAreNamedByTheTable() {
        for (argv, name) in [
            (["dict", "get", "k"], "FIELD"), (["dict", "get"], "KEY"), (["set", "has", "k"], "V"),
            (["set", "isdisjoint", "k"], "OTHER"), (["expire", "k"], "S"), (["dict", "del", "k"], "FIELD"),
            (["set", "union", "k"], "OTHER"),
        ] {
            let error = usageError(argv)
            #expect(error?.message == "missing argument \(name)", "\(argv)")
            #expect(error?.helpTopic == "\(argv[0]) \(argv[1])" || error?.helpTopic == argv[0], "\(argv)")
        }
    }

    @Test func kindsAreEnforcedBeforeAnyHandler() {
        for argv in [
            ["expire", "k", "soon"], ["expire", "k", "0x10"], ["expire", "k", "1e20"],
            ["expire", "k", "0.0001"],
            ["expire", "k", "-1"], ["expire", "k", "nan"], ["expire", "k", "inf"],
            ["--timeout", "0x1", "ping"], ["--timeout", "1e300", "ping"], ["--timeout", "-2", "ping"],
            ["-j", "set", "add", "k", "not json"],
        ] {
            #expect(usageError(argv)?.status == .usage, "\(argv)")
        }
        #expect(throws: Never.self) { try invocation(["expire", "k", "0.001"]) }
        // 0 expires the key at once, as Redis' EXPIRE k 0 deletes it.
        #expect(throws: Never.self) { try invocation(["expire", "k", "0"]) }
    }

    @Test func wordsAreBytes() throws {
        let parsed = try parser.parse(
            [Word([0x6B, 0xFF]), Word("x")].isEmpty ? [] : ["type"].map { Word($0) } + [Word([0x6B, 0xFF])])
        guard case .run(let invocation) = parsed else { Issue.record("not run"); return }
        #expect(invocation.arguments.values["KEY"] as? [UInt8] == [0x6B, 0xFF])
    }

    @Test func unknownThingsAreUsageErrors() {
        for argv in [
            ["nope"], ["dict", "nope"], ["dict", "get", "k", "f", "--nope"], ["dict", "get", "k", "f", "-Z"],
            ["dict", "get", "k"], ["dict", "has", "k", "f", "extra"], ["dict"], ["--timeout", "x", "ping"],
        ] {
            let error = usageError(argv)
            #expect(error?.status == .usage, "\(argv)")
            #expect(error?.message.isEmpty == false)
        }
    }

    @Test func helpAtEveryLevel() throws {
        guard case .help(.program) = try parser.parse(["--help"]) else { Issue.record("--help"); return }
        guard case .help(.group(let group)) = try parser.parse(["dict", "--help"]), group.name == "dict"
        else {
            Issue.record("dict --help")
            return
        }
        guard case .help(.verb(_, let verb)) = try parser.parse(["dict", "get", "--help"]), verb.name == "get"
        else {
            Issue.record("dict get --help")
            return
        }
        guard case .help(.verb(_, let ping)) = try parser.parse(["help", "ping"]), ping.name == "ping" else {
            Issue.record("help ping")
            return
        }
        guard case .version = try parser.parse(["--version"]) else { Issue.record("--version"); return }
    }

    @Test func noCommandIsInteractive() throws {
        guard case .interactive(let settings) = try parser.parse(["-u", "redis://x"]) else {
            Issue.record("not interactive")
            return
        }
        #expect(settings.url == "redis://x")
    }
}

@Suite struct ShellWordsTests {
    @Test func quotingLikeAShell() throws {
        #expect(
            try ShellWords.split(#"dict set k 'a b' "c \"d\"" e\ f # comment"#)
                == ["dict", "set", "k", "a b", #"c "d""#, "e f"])
        #expect(try ShellWords.split("   ") == [])
        #expect(try ShellWords.split("# only a comment") == [])
        #expect(try ShellWords.split(#"set add k '{"a": 1}' ''"#) == ["set", "add", "k", #"{"a": 1}"#, ""])
        #expect(throws: CLIError.self) { try ShellWords.split("dict get 'k") }
    }

    /// bash's `$'...'`, escape by escape, compared with what bash itself makes of the same words.
    @Test func ansiCQuotesAsBashReadsThem() throws {
        let cases: [(String, [UInt8])] = [
            (#"$'a\nb'"#, Array("a\nb".utf8)), (#"x$'\t'y"#, Array("x\ty".utf8)),
            (#"$'\x41\x4a2\101\0'"#, [0x41, 0x4A, 0x32, 0x41, 0]),
            (#"$'\u00e9\U0001F600'"#, Array("é😀".utf8)), (#"$'\'\"\\\?'"#, Array("'\"\\?".utf8)),
            (#"$'\e\cA\c?\q\x'"#, [0x1B, 0x01, 0x7F, 0x5C, 0x71, 0x5C, 0x78]),
            (#""$'x'""#, Array("$'x'".utf8)), (#"'$'"#, Array("$".utf8)), (#"a$b"#, Array("a$b".utf8)),
        ]
        for (line, expected) in cases {
            #expect(try ShellWords.split(bytes: Array(line.utf8)) == [Word(expected)], "\(line)")
        }
        #expect(throws: CLIError.self) { try ShellWords.split(#"$'abc"#) }
        #expect(throws: CLIError.self) { try ShellWords.split(#"$'\ud800'"#) }
    }

    /// A REPL line's first unquoted `|` starts the shell pipeline, which is kept verbatim.
    @Test func aPipeEndsTheCommand() throws {
        let split = { (line: String) in try ShellWords.splitAtPipe(bytes: Array(line.utf8)) }
        let plain = try split("dict items k | jq '.[0]' | head")
        #expect(plain.words == [Word("dict"), Word("items"), Word("k")])
        #expect(plain.pipeline == Array(" jq '.[0]' | head".utf8))
        let quoted = try split(#"dict get k 'a|b' "c|d" e\|f|wc"#)
        #expect(quoted.words.map(\.text) == ["dict", "get", "k", "a|b", "c|d", "e|f"])
        #expect(quoted.pipeline == Array("wc".utf8))
        #expect(try split("ping # | not a pipe").pipeline == nil)
        #expect(try ShellWords.split("a|b") == ["a|b"])  // batch lines have no pipes
    }
}
