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

    @Test func optionsMayStandAnywhereAfterTheVerb() throws {
        let parsed = try invocation(["dict", "get", "-r", "k", "--url", "redis://h:1/2", "f", "-q"])
        #expect(parsed.arguments["KEY"] == ["k"])
        #expect(parsed.arguments["FIELD"] == ["f"])
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
        #expect(parsed.arguments["V"] == ["-7", "-3:", "-0.5", "-Infinity"])
    }

    @Test func doubleDashEndsOptions() throws {
        let parsed = try invocation(["set", "add", "k", "--", "--raw", "-q"])
        #expect(parsed.arguments["V"] == ["--raw", "-q"])
        #expect(!parsed.settings.raw)
    }

    @Test func clusteredShortOptions() throws {
        let parsed = try invocation(["dict", "get", "k", "f", "-rqs"])
        #expect(parsed.settings.raw && parsed.settings.quiet && parsed.settings.valueMode == .string)
    }

    @Test func dashAloneReadsStandardInput() throws {
        let parsed = try invocation(["set", "add", "k", "-"])
        #expect(parsed.arguments["V"] == ["-"])
        #expect(usageError(["set", "add", "k", "a", "-"]) != nil)
    }

    @Test func pairsMustBeComplete() {
        #expect(usageError(["dict", "set", "k", "a", "1", "b"])?.status == .usage)
        #expect(usageError(["dict", "set", "k"])?.status == .usage)
    }

    @Test func unknownThingsAreUsageErrors() {
        for argv in [
            ["nope"], ["dict", "nope"], ["dict", "get", "k", "f", "--nope"], ["dict", "get", "k", "f", "-Z"],
            ["dict", "get", "k"], ["dict", "get", "k", "f", "extra"], ["dict"], ["--timeout", "x", "ping"],
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
}

@Suite struct CommandTableTests {
    let table = CommandTable.standard

    @Test func namesAreUnique() {
        let groupWords =
            table.structures.flatMap { [$0.name] + $0.aliases }
            + table.topLevelCommands.flatMap { [$0.1.name] + $0.1.aliases }
        #expect(Set(groupWords).count == groupWords.count)
        for group in table.groups {
            let words = group.verbs.flatMap { [$0.name] + $0.aliases }
            #expect(Set(words).count == words.count, "\(group.name)")
        }
    }

    @Test func everyEntryIsDocumented() {
        for group in table.groups {
            #expect(!group.summary.isEmpty)
            for verb in group.verbs {
                #expect(!verb.summary.isEmpty, "\(group.name) \(verb.name)")
                for argument in verb.arguments {
                    #expect(!argument.help.isEmpty, "\(verb.name) \(argument.name)")
                }
                for option in verb.options { #expect(!option.help.isEmpty, "\(verb.name) --\(option.long)") }
            }
        }
    }

    @Test func verbOptionsDoNotShadowGlobalShortOptions() {
        for group in table.groups {
            for verb in group.verbs {
                for option in verb.options {
                    if let short = option.short { #expect(GlobalOptions.named(short: short) == nil) }
                }
            }
        }
    }
}
