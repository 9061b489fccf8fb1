import Foundation
import RedisTestSupport
import Testing

/// Batch mode says where and why it stopped, in one line, whatever stopped it: a negative answer, a
/// usage error or a server that cannot be reached; `--keep-going` sums up at the end;
/// `--stop-on-error` says the default out loud.
@Suite struct BatchCommandTests {
    @Test func everyStopSaysWhereAndWhy() throws {
        let key = uniqueKey("batch")
        let negative = PotteryBinary.run([], stdin: "ping\nping\ndict get \(key) x\nping\n")
        #expect(negative.status == 1 && negative.stdoutText == "PONG\nPONG\n")
        #expect(negative.stderrText == "pottery: line 3: dict get \(key) x: the field is absent (status 1)\n")

        let predicate = PotteryBinary.run([], stdin: "# a comment\n  set has \(key) 1  \nping\n")
        #expect(predicate.status == 1 && predicate.stdoutText == "false\n")
        #expect(predicate.stderrText == "pottery: line 2: set has \(key) 1: false (status 1)\n")

        let refused = PotteryBinary.run([], stdin: "ping\nping -u redis://127.0.0.1:1/0\nping\n")
        #expect(refused.status == 3 && refused.stdoutText == "PONG\n")
        #expect(refused.stderrText == "pottery: line 2: ping (redis://127.0.0.1:1/0): Connection refused\n")

        // A line that carries a password is never echoed.
        let secret = PotteryBinary.run([], stdin: "lock acquire \(key)l --nowait -u redis://:hunter2@x\n")
        #expect(!secret.stderrText.contains("hunter2") && secret.stderrText.hasPrefix("pottery: line 1: "))
    }

    @Test func keepGoingRunsEveryLineAndSumsUp() throws {
        let key = uniqueKey("batch")
        let lines = "dict get \(key) x\nping\nnosuch\nping\n"
        let going = PotteryBinary.run(["--keep-going"], stdin: lines)
        #expect(going.status == 1 && going.stdoutText == "PONG\nPONG\n")
        #expect(
            going.stderrText.split(separator: "\n") == [
                "pottery: line 3: unknown command 'nosuch' (see 'pottery --help')",
                "pottery: batch: 2 lines failed, the first at line 1 (status 1)",
            ])
        // The last of --keep-going and --stop-on-error wins, as for every option.
        let stopped = PotteryBinary.run(["--keep-going", "--stop-on-error"], stdin: lines)
        #expect(stopped.status == 1 && stopped.stdoutText.isEmpty)
        #expect(stopped.stderrText == "pottery: line 1: dict get \(key) x: the field is absent (status 1)\n")
        let clean = PotteryBinary.run(["--keep-going"], stdin: "ping\n")
        #expect(clean.status == 0 && clean.stderrText.isEmpty)
    }
}
