import Foundation
import Testing

@testable import PotteryCLI

/// The man page and completion scripts are generated from the command table and committed; they must
/// match what the table generates now. `POTTERY_RECORD=1 swift test` (or `scripts/generate`) rewrites them.
@Suite struct GeneratedFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test(arguments: Generator.files.map(\.name))
    func committedFileMatchesTheTable(_ name: String) throws {
        let path = try #require(Generator.files.first { $0.name == name }).path
        let url = Self.root.appendingPathComponent(path)
        let generated = try #require(Generator.render(name, table: .standard))
        if ProcessInfo.processInfo.environment["POTTERY_RECORD"] == "1" {
            try generated.write(to: url, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: url, encoding: .utf8)
        #expect(committed == generated, "\(path) differs from the table: run scripts/generate")
    }

    /// The man page documents `help`, says what a verb outputs (a status is returned, not printed).
    @Test func manPageWording() throws {
        let man = try #require(Generator.render("man", table: .standard))
        #expect(man.contains(".SH HELP") && man.contains("pottery help"))
        #expect(!man.contains("Prints status") && !man.contains("Prints nothing"))
        for status in CommandTable.standard.exitStatuses { #expect(man.contains(status.status)) }
    }

    @Test func readmeTablesMatchTheTable() throws {
        let url = Self.root.appendingPathComponent("README.md")
        let committed = try String(contentsOf: url, encoding: .utf8)
        let sections = ReadmeSections(table: .standard)
        if ProcessInfo.processInfo.environment["POTTERY_RECORD"] == "1" {
            try sections.apply(to: committed).write(to: url, atomically: true, encoding: .utf8)
        }
        for (name, markdown) in sections.sections {
            #expect(
                committed.contains("<!-- generated:\(name) -->\n" + markdown + "<!-- end -->"),
                "README \(name)")
        }
    }

    @Test func everyVerbIsInTheManPageAndCompletions() throws {
        let man = try #require(Generator.render("man", table: .standard))
        for group in CommandTable.standard.groups {
            for verb in group.verbs {
                let command = group.isTopLevel ? verb.name : "\(group.name) \(verb.name)"
                #expect(man.contains("pottery \(command.replacing("-", with: "\\-"))"), "\(command)")
                // The scripts ask `pottery __complete`, which reads the table.
                let words = group.isTopLevel ? [verb.name] : [group.name, verb.name]
                let offered = Completer().complete(words: words).map(\.text)
                #expect(offered.contains(verb.name), "\(command)")
            }
        }
        for option in GlobalOptions.all {
            #expect(man.contains("\\-\\-\(option.long.replacing("-", with: "\\-"))"), "--\(option.long)")
            #expect(
                Completer().complete(words: ["set", "members", "k", "--"]).contains {
                    $0.text == "--\(option.long)"
                })
        }
    }

    /// The scripts are thin and never expand what `pottery __complete` prints.
    @Test func completionScriptsAskTheProgramAndExpandNothing() throws {
        for name in ["bash", "zsh", "fish"] {
            let script = try #require(Generator.render(name, table: .standard))
            #expect(script.contains("pottery __complete --shell \(name) --"), "\(name)")
            #expect(!script.contains("compgen"), "\(name)")
            #expect(!script.contains("eval"), "\(name)")
            #expect(!script.contains("pottery keys"), "\(name)")
        }
        let zsh = try #require(Generator.render("zsh", table: .standard))
        #expect(!zsh.contains("compadd -Q") && !zsh.contains("compadd -U"))
    }
}
