import PotteryProcess
import Testing

@testable import PotteryCLI

/// The completion engine over the command table, without a server: key names come from a closure that
/// records the prefixes it is asked for.
@Suite struct CompletionEngineTests {
    /// A table with what the standard one lacks so far: aliases, a verb option with a value that shadows
    /// a global one, a verb flag, an optional argument.
    static let table = CommandTable(groups: [
        GroupSpec(
            "queue", aliases: ["q"], "a queue",
            verbs: [
                VerbSpec(
                    "get", aliases: ["pop"], "dequeue", arguments: [Argument.key()],
                    options: [
                        VerbOption.wait("timeout", aliases: ["wait"], shadowsGlobal: true, "the wait"),
                        VerbOption.flag("nowait", "do not wait"),
                        VerbOption.flag("follow", short: "f", "stream"),
                    ], handler: { _ in .success }),
                VerbSpec(
                    "put", "enqueue", arguments: [Argument.key(), Argument.valuesOrStdin("V", "values")],
                    handler: { _ in .success }),
                VerbSpec(
                    "run", "run a command",
                    arguments: [Argument.key(), Argument.command("CMD", "a command")],
                    options: [VerbOption.seconds("ttl", "the lease")], handler: { _ in .success }),
            ]),
        SetTable.group,
        GeneralTable.group,
    ])

    final class Lookup {
        var prefixes: [String] = []
        var names: [String]
        init(_ names: [String]) { self.names = names }
        func callAsFunction(_ prefix: String) -> [String] {
            prefixes.append(prefix)
            return names.filter { $0.hasPrefix(prefix) }
        }
    }

    func texts(_ words: [String], keys: [String] = ["k1", "k2", "other"], table: CommandTable = table)
        -> [String]
    {
        let lookup = Lookup(keys)
        return Completer(table: table) { lookup($0) }.complete(words: words).map(\.text)
    }

    func lookedUp(_ words: [String]) -> [String] {
        let lookup = Lookup(["k1"])
        _ = Completer(table: Self.table) { lookup($0) }.complete(words: words)
        return lookup.prefixes
    }

    @Test func firstWordIsAStructureACommandOrHelp() {
        #expect(
            texts([""]) == [
                "queue", "set", "ping", "keys", "type", "del", "expire", "persist", "ttl", "redis", "status",
                "doctor", "repl",
                "help",
            ])
        #expect(texts([]) == texts([""]))
        #expect(texts(["s"]) == ["set", "status"])
        #expect(texts(["he"]) == ["help"])
        #expect(texts(["nothing"]).isEmpty)
        let standard = Completer().complete(words: [""])
        let expected =
            CommandTable.standard.structures.map(\.name)
            + CommandTable.standard.topLevelCommands.map(\.1.name)
            + ["help"]
        #expect(standard.map(\.text) == expected)
        #expect(Array(expected.prefix(2)) == ["dict", "set"] && expected.contains("ping"))
        #expect(standard.first?.description == "a Python dict in a Redis hash")
    }

    @Test func aliasesAreRecognizedAndOfferedOnceTyped() {
        #expect(texts(["q"]) == ["queue", "q"])
        #expect(texts(["q", ""]) == ["get", "put", "run"])
        #expect(texts(["q", "p"]) == ["put", "pop"])
        #expect(texts(["queue", "pop", "--f"]) == ["--follow"])
        #expect(lookedUp(["q", "pop", "x"]) == ["x"])
    }

    @Test func verbsAfterAStructure() {
        #expect(texts(["set", "is"]) == ["isdisjoint", "issubset", "issuperset"])
        #expect(texts(["set", "nope", ""]).isEmpty)
        let verbs = Completer().complete(words: ["set", "cl"])
        #expect(verbs == [Candidate("clear", "delete the key", kind: .verb)])
    }

    @Test func globalOptionsBeforeTheCommandAndBetweenStructureAndVerb() {
        let global =
            GlobalOptions.all.map { "--" + $0.long }
            + GlobalOptions.all.compactMap { $0.short.map { "-\($0)" } }
        #expect(texts(["-"]) == global)
        #expect(texts(["--ti"]) == ["--timeout", "--time"])
        #expect(texts(["set", "--qu"]) == ["--quiet"])
        #expect(texts(["-r", "--url", "redis://x", "set", "me"]) == ["members"])
        #expect(texts(["--timeout=3", "-uredis://x", "se"]) == ["set"])
        // `--` before the command ends the global options; the next word is the command.
        #expect(texts(["--", "se"]) == ["set"])
    }

    /// The verb's own options are offered alone while one fits the prefix (the verb's wins over a
    /// global one of the same name); the global ones once none does.
    @Test func verbOptionsFirstThenGlobalOnesAndTheVerbWins() {
        let options = Completer(table: Self.table).complete(words: ["queue", "get", "k", "--t"])
        #expect(options.map(\.text) == ["--timeout"])
        #expect(options.first?.description == "the wait")
        #expect(texts(["queue", "get", "-"]) == ["--timeout", "--wait", "--nowait", "--follow", "-f"])
        #expect(texts(["queue", "get", "--tl"]) == ["--tls"])
        #expect(!texts(["queue", "get", "--u"]).isEmpty && texts(["queue", "get", "--u"]) == ["--url"])
        #expect(texts(["set", "add", "k", "--j"]) == ["--json"])
        #expect(texts(["set", "add", "k", "-"]).contains("--url"))  // a verb without options: the global ones
    }

    @Test func longAliasesOfOptions() {
        #expect(texts(["queue", "get", "--wa"]) == ["--wait"])
        #expect(texts(["queue", "get", "--"]).prefix(3) == ["--timeout", "--wait", "--nowait"])
        #expect(lookedUp(["queue", "get", "--wait", "3", "k"]) == ["k"])
        #expect(texts(["queue", "get", "--wait", ""]).isEmpty)
    }

    @Test func aChildCommandIsNotOursToComplete() {
        #expect(texts(["queue", "run", "k", "--t"]) == ["--ttl"])
        #expect(texts(["queue", "run", "k", "--ti"]) == ["--timeout", "--time"])
        #expect(lookedUp(["queue", "run", "k", "--", ""]).isEmpty)
        #expect(texts(["queue", "run", "k", "--", "--"]).isEmpty)
        #expect(texts(["queue", "run", "k", "ls", "--"]).isEmpty)
        #expect(lookedUp(["queue", "run", "k", "ls", "k"]).isEmpty)
        #expect(lookedUp(["queue", "run", "--ttl", "5", "k"]) == ["k"])
    }

    @Test func afterDoubleDashNoOptions() {
        // `--` between the structure and the verb ends the options; the next word is still the verb.
        #expect(texts(["set", "--", "mem"]) == ["members"])
        #expect(lookedUp(["set", "--", "members", "-k"]) == ["-k"])
        #expect(texts(["set", "members", "--", "--"]).isEmpty)
        #expect(lookedUp(["set", "members", "--", "-k"]) == ["-k"])
        #expect(texts(["set", "add", "k", "--", "-"]).isEmpty)
    }

    @Test func keyPositionsCallTheLookupValuePositionsGetNothing() {
        #expect(texts(["set", "members", ""]) == ["k1", "k2", "other"])
        #expect(texts(["set", "members", "k"]) == ["k1", "k2"])
        #expect(lookedUp(["set", "members", "k"]) == ["k"])
        #expect(lookedUp(["set", "members", "k1", ""]).isEmpty)  // one KEY only
        #expect(lookedUp(["set", "add", "k1", ""]).isEmpty)  // a value
        #expect(lookedUp(["set", "add", "k1", "v", ""]).isEmpty)
        #expect(lookedUp(["set", "union", "k1", "o"]) == ["o"])  // OTHER... are keys
        #expect(lookedUp(["set", "union", "k1", "o1", "o"]) == ["o"])
        #expect(lookedUp(["del", "a", "b", ""]) == [""])  // KEY... all keys
        #expect(lookedUp(["del", "a", "b", "c"]) == ["c"])
        #expect(lookedUp(["ttl", "x"]) == ["x"])
        #expect(lookedUp(["expire", "x", ""]).isEmpty)  // seconds
        #expect(lookedUp(["keys", ""]).isEmpty)  // a pattern
        #expect(lookedUp(["ping", ""]).isEmpty)
        // Negative numbers and `-` are values, not options.
        #expect(lookedUp(["set", "union", "-7", "x"]) == ["x"])
        #expect(lookedUp(["set", "add", "-", ""]).isEmpty)
    }

    @Test func optionValuesAreSkipped() {
        #expect(texts(["--url", ""]).isEmpty)
        #expect(texts(["-u", "s"]).isEmpty)
        #expect(texts(["--url", "redis://x", "se"]) == ["set"])
        #expect(texts(["-ru", "redis://x", "se"]) == ["set"])
        #expect(texts(["set", "--timeout", ""]).isEmpty)
        #expect(texts(["set", "members", "--url", ""]).isEmpty)
        #expect(texts(["set", "members", "--url=k"]).isEmpty)
        #expect(lookedUp(["set", "members", "--url", "redis://x", "k"]) == ["k"])
        #expect(lookedUp(["set", "members", "-uredis://x", "k"]) == ["k"])
        #expect(lookedUp(["queue", "get", "--timeout", "3", "k"]) == ["k"])
        #expect(lookedUp(["queue", "get", "--nowait", "k"]) == ["k"])
        #expect(lookedUp(["queue", "get", "--timeout", ""]).isEmpty)
    }

    @Test func globalOptionsAreReportedForTheLookupButNotShadowedOnes() {
        let walk = CommandLineScanner(table: Self.table)
        let point = walk.point([
            "-u", "redis://a", "--timeout", "2", "queue", "get", "--timeout", "30", "k", "",
        ])
        #expect(point.globalOptions.map(\.0.long) == ["url", "timeout"])
        #expect(point.globalOptions.map(\.1) == ["redis://a", "2"])
        let inline = walk.point(["set", "members", "--url=redis://b", "-rq", ""])
        #expect(inline.globalOptions.map(\.0.long) == ["url", "raw", "quiet"])
        #expect(inline.globalOptions.first?.1 == "redis://b")
    }

    @Test func helpTopics() {
        #expect(
            texts(["help", ""]) == [
                "queue", "set", "ping", "keys", "type", "del", "expire", "persist", "ttl", "redis", "status",
                "doctor", "repl",
            ])
        #expect(texts(["help", "se"]) == ["set"])
        #expect(texts(["help", "set", "me"]) == ["members"])
        #expect(texts(["help", "q", "g"]) == ["get"])
        #expect(texts(["help", "set", "members", ""]).isEmpty)
        #expect(texts(["help", "ping", ""]).isEmpty)
    }

    @Test func aFailingLookupOffersNothingAndKeysAreSortedOnce() {
        struct Down: Error {}
        #expect(
            Completer(table: Self.table) { _ in throw Down() }.complete(words: ["set", "members", ""]).isEmpty
        )
        #expect(texts(["set", "members", ""], keys: ["b", "a", "b"]) == ["a", "b"])
        let key = Completer(table: Self.table) { _ in ["$(x)"] }.complete(words: ["ttl", "$"])
        #expect(key == [Candidate("$(x)", kind: .key)])
    }
}
