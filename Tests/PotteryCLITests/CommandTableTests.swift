import RedisTestSupport
import Testing

@testable import PotteryCLI

/// Invariants of the command table, walked over every entry, so a new structure is checked the day
/// its table file lands.
@Suite struct CommandTableTests {
    let table = CommandTable.standard

    /// The front door finds a group by its word without building the others: each entry's word is
    /// the group's own name, and a top-level group has none.
    @Test func lazyEntriesNameTheirGroups() {
        let table = CommandTable.standard
        for group in table.groups {
            #expect(table.group(named: group.name)?.name == (group.isTopLevel ? nil : group.name))
        }
        #expect(table.structures.allSatisfy { !$0.isTopLevel })
        #expect(table.topLevelVerb(named: "ping")?.0.isTopLevel == true)
        #expect(table.group(named: "general") == nil && table.group(named: "nope") == nil)
    }

    @Test func namesAreUnique() {
        let firstWords =
            table.structures.flatMap { [$0.name] + $0.aliases }
            + table.topLevelCommands.flatMap { [$0.1.name] + $0.1.aliases } + ["help", "quit", "exit"]
        // `quit` and `exit` are the REPL's own words; `repl` is a command of the table.
        #expect(Set(firstWords).count == firstWords.count)
        #expect(table.topLevelVerb(named: "repl") != nil)
        for group in table.groups {
            let words = group.verbs.flatMap { [$0.name] + $0.aliases }
            #expect(Set(words).count == words.count, "\(group.name)")
        }
    }

    @Test func everyEntryIsDocumented() {
        for (group, verb) in table.allVerbs {
            let name = group.commandName(of: verb)
            #expect(!group.summary.isEmpty)
            #expect(!verb.summary.isEmpty, "\(name)")
            for argument in verb.arguments { #expect(!argument.help.isEmpty, "\(name) \(argument.name)") }
            for option in verb.options {
                #expect(!option.help.isEmpty, "\(name) --\(option.long)")
                #expect(option.takesValue == (option.valueName != nil), "\(name) --\(option.long)")
            }
        }
        for option in GlobalOptions.all { #expect(!option.help.isEmpty && option.long.count > 1) }
        #expect(!table.exitStatuses.isEmpty && !table.environment.isEmpty && !table.examples.isEmpty)
    }

    @Test func argumentShapesAreWellFormed() {
        for (group, verb) in table.allVerbs {
            let name = group.commandName(of: verb)
            let names = verb.arguments.map(\.name)
            #expect(Set(names).count == names.count, "\(name): argument names repeat")
            // A child command comes last; at most one argument takes a variable number of words.
            if let rest = verb.restPosition { #expect(rest == verb.arguments.count - 1, "\(name)") }
            let variadic = verb.arguments.filter { $0.arity.maximum > 1 && $0.arity != .rest }
            #expect(variadic.count <= 1, "\(name): two variadic arguments cannot be told apart")
            // A verb that runs a child takes its command; `cache forget` takes one without running it.
            if verb.traits.contains(.runsChild) { #expect(verb.restPosition != nil, "\(name)") }
        }
    }

    /// SPEC §5: a verb option may share a global option's name only when it says so (`queue get
    /// --timeout`); short letters never clash; exclusive groups name real options.
    @Test func noOptionShadowsAnotherUnlessDeclared() {
        for (group, verb) in table.allVerbs {
            let name = group.commandName(of: verb)
            var seen = Set<String>()
            for option in verb.options {
                var anyClash = false
                for long in [option.long] + option.aliases {
                    #expect(seen.insert(long).inserted, "\(name): --\(long) twice")
                    let clashes = GlobalOptions.named(long: long) != nil
                    // An alias of a shadowing option need not clash itself (`--timeout S, --wait S`).
                    if clashes { #expect(option.shadowsGlobal, "\(name) --\(long)") }
                    anyClash = anyClash || clashes
                }
                #expect(anyClash == option.shadowsGlobal, "\(name) --\(option.long)")
                if let short = option.short { #expect(GlobalOptions.named(short: short) == nil, "\(name)") }
            }
            for exclusive in verb.exclusive {
                #expect(exclusive.count > 1)
                for long in exclusive { #expect(verb.option(long: long) != nil, "\(name): --\(long)") }
            }
        }
    }

    @Test func everyKindIsKnownToTheRenderers() {
        // Completion and help switch over the kinds; a new kind must be added there deliberately.
        #expect(ArgumentKind.allCases.count == 10)
        #expect(OptionKind.allCases.count == 7)
    }
}

/// Every level of the table answers `--help` with status 0, through the real binary, without
/// connecting anywhere.
@Suite struct HelpWalkTests {
    @Test func everyCommandAnswersHelp() {
        let offline = "redis://127.0.0.1:1"
        for argv in [["--help"], ["help"], ["help", "--help"], ["help", "help"]] {
            let result = PotteryBinary.run(argv, server: nil, url: offline)
            #expect(result.status == 0 && result.stdoutText.contains("Usage: pottery"), "\(argv)")
        }
        #expect(PotteryBinary.run(["--version"], server: nil, url: offline).stdoutText.hasPrefix("pottery "))
        for group in CommandTable.standard.structures {
            let help = PotteryBinary.run([group.name, "--help"], server: nil, url: offline)
            #expect(help.status == 0 && help.stdoutText.contains("Verbs:"), "\(group.name)")
            #expect(
                PotteryBinary.run(["help", group.name], server: nil, url: offline).stdoutText
                    == help.stdoutText)
        }
        for (group, verb) in CommandTable.standard.allVerbs {
            let words = group.isTopLevel ? [verb.name] : [group.name, verb.name]
            let help = PotteryBinary.run(words + ["--help"], server: nil, url: offline)
            #expect(help.status == 0, "\(words)")
            #expect(help.stdoutText.hasPrefix("Usage: pottery \(words.joined(separator: " "))"), "\(words)")
            #expect(help.stderrText.isEmpty, "\(words)")
            let viaHelp = PotteryBinary.run(["help"] + words, server: nil, url: offline)
            #expect(viaHelp.stdoutText == help.stdoutText, "\(words)")
        }
    }
}
