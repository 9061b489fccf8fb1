import PotteryProcess
import Testing

@testable import PotteryCLI

/// The shapes the coming structures need, checked on a table made for the test: a child command
/// after `--`, mutually exclusive options, a verb option that shadows a global one, option kinds.
@Suite struct VerbShapesTests {
    static let key: Argument<[UInt8]> = .key()
    static let command = Argument.command("CMD", "the command")
    static let ttl = VerbOption.seconds("ttl", "lease")
    static let wait = VerbOption.wait("wait", "how long to wait")
    static let nowait = VerbOption.flag("nowait", "do not wait")
    static let count = VerbOption.integer("count", in: 1...1000, "how many")
    static let pause = VerbOption.wait("timeout", aliases: ["pause"], shadowsGlobal: true, "the wait")

    static let table: CommandTable = CommandTable(groups: [
        GroupSpec(
            "job", "a test structure",
            verbs: [
                VerbSpec(
                    "run", "run a command", arguments: [key, command], options: [ttl, wait, nowait],
                    exclusive: [["wait", "nowait"]], traits: .runsChild, handler: { _ in .success }),
                VerbSpec(
                    "get", "wait for one", arguments: [key], options: [pause, count], traits: .mayBlock,
                    handler: { _ in .success }),
            ])
    ])

    let parser = ArgvParser(table: VerbShapesTests.table)

    func run(_ argv: [String]) throws -> Invocation {
        guard case .run(let invocation) = try parser.parse(argv) else { throw CLIError.usage("not run") }
        return invocation
    }

    func command(_ invocation: Invocation) -> [String] {
        (invocation.arguments.values["CMD"] as? [[UInt8]] ?? []).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func theChildCommandIsNeverParsed() throws {
        let plain = try run(["job", "run", "k", "--ttl", "5", "--", "ls", "-l", "--ttl", "--", "x"])
        #expect(command(plain) == ["ls", "-l", "--ttl", "--", "x"])
        #expect(plain.options.values["ttl"] as? Milliseconds? == Milliseconds(count: 5000))
        // Without `--`, the command starts at its first word, as with env(1) and timeout(1).
        let bare = try run(["job", "run", "k", "sh", "-c", "exit 3"])
        #expect(command(bare) == ["sh", "-c", "exit 3"])
        #expect(throws: CLIError.self) { try run(["job", "run", "k"]) }
        #expect(throws: CLIError.self) { try run(["job", "run", "k", "--"]) }
    }

    @Test func exclusiveOptions() throws {
        #expect(throws: CLIError.self) {
            try run(["job", "run", "k", "--wait", "1", "--nowait", "--", "true"])
        }
        let waited = try run(["job", "run", "k", "--wait", "0", "--", "true"])
        #expect(waited.options.values["wait"] as? Milliseconds? == Milliseconds(count: 0))
        #expect(waited.options.values["nowait"] as? Bool == false)
    }

    @Test func aVerbOptionShadowsTheGlobalOneAfterTheVerb() throws {
        let parsed = try run(["--timeout", "2", "job", "get", "k", "--timeout", "30"])
        #expect(parsed.settings.timeout == 2)
        #expect(parsed.options.values["timeout"] as? Milliseconds? == Milliseconds(count: 30000))
        let alias = try run(["job", "get", "k", "--pause=1.5"])
        #expect(alias.options.values["timeout"] as? Milliseconds? == Milliseconds(count: 1500))
        #expect(alias.settings.timeout == nil)
    }

    @Test func optionKindsAreChecked() {
        for argv in [
            ["job", "get", "k", "--count", "0"], ["job", "get", "k", "--count", "-3"],
            ["job", "get", "k", "--count", "x"], ["job", "get", "k", "--count", "99999999999999999999999"],
            ["job", "get", "k", "--timeout", "soon"], ["job", "run", "k", "--ttl", "0", "--", "true"],
        ] {
            #expect(throws: CLIError.self, "\(argv)") { try run(argv) }
        }
    }
}
