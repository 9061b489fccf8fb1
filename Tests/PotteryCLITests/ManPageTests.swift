import Foundation
import RedisTestSupport
import Testing

@testable import PotteryCLI

/// The man page renders without a warning and documents everything the table holds.
@Suite struct ManPageTests {
    static let groff = ["/usr/bin/groff", "/bin/groff"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test(.enabled(if: groff != nil, "groff is not installed (scripts/setup installs it)"))
    func rendersWithoutWarnings() throws {
        let page = try #require(Generator.render("man", table: .standard))
        let result = runProcess(
            try #require(Self.groff), ["-man", "-ww", "-z"], stdin: Array(page.utf8),
            environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"])
        #expect(result.status == 0)
        #expect(result.stderrText == "", "\(result.stderrText)")
    }

    @Test func documentsEveryOptionStatusVariableAndTheREPL() throws {
        let page = try #require(Generator.render("man", table: .standard))
        for group in CommandTable.standard.groups {
            for verb in group.verbs {
                for option in verb.options {
                    #expect(
                        page.contains("\\-\\-\(option.long.replacing("-", with: "\\-"))"), "--\(option.long)")
                }
            }
        }
        for status in CommandTable.standard.exitStatuses { #expect(page.contains(".B \(status.status)\n")) }
        for variable in CommandTable.standard.environment {
            #expect(page.contains(".B \(variable.name.replacing("_", with: "_"))\n"), "\(variable.name)")
        }
        #expect(page.contains("POTTERY_HISTFILE"))
        #expect(page.contains(".SH REPL") && page.contains(".SH EXAMPLES") && page.contains("pottery repl"))
        #expect(CommandTable.standard.examples.count >= 10)
    }
}
