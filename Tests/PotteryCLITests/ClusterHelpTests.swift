import RedisTestSupport
import Testing

/// Issue 12: every verb whose work across hash slots cannot be atomic on a Redis Cluster says so in
/// its `--help` (and so in the man page, generated from the same notes).
@Suite struct ClusterHelpTests {
    @Test func crossSlotVerbsSayWhatIsNotAtomic() {
        let offline = "redis://127.0.0.1:1"
        let expected: [([String], String)] = [
            (["del"], "one DEL per slot"),
            (["set", "union"], "streamed from the node of its own slot"),
            (["set", "intersection"], "streamed from the node of its own slot"),
            (["set", "difference"], "streamed from the node of its own slot"),
            (["set", "isdisjoint"], "not atomic"),
            (["set", "issubset"], "not atomic"),
            (["set", "issuperset"], "not atomic"),
            (["hll", "merge"], "not atomic across slots"),
            (["keys"], "every master is scanned"),
        ]
        for (words, phrase) in expected {
            let help = PotteryBinary.run(words + ["--help"], server: nil, url: offline)
            #expect(help.status == 0, "\(words)")
            let text = help.stdoutText.split(separator: "\n").joined(separator: " ")
            #expect(text.contains("On a Redis Cluster"), "\(words)")
            #expect(text.contains(phrase), "\(words): \(phrase)")
        }
    }
}
