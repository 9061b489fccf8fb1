import Foundation
import RedisTestSupport
import Testing

/// `--timeout` bounds each whole reply and a reply's size is bounded (SPEC §10): a server that
/// drips a reply or sends one that never ends makes pottery exit 3 with one line, in time and in
/// bounded memory.
extension MisbehavingServerCommandTests {
    @Test func aDrippedReplyTimesOutAsAWhole() throws {
        // 41 pieces 200 ms apart (8 s), each well within the 1 s timeout.
        let value = "\"" + String(repeating: "x", count: 38) + "\""
        let pieces = [Array("$40\r\n".utf8)] + value.utf8.map { [$0] } + [Array("\r\n".utf8)]
        let started = Date()
        let result = try run(["dict", "get", "k", "f"], timeout: "1") { _ in .drip(pieces, interval: 0.2) }
        let seconds = Date().timeIntervalSince(started)
        expectProtocolFailure(result, "drip")
        #expect(result.stderrText.contains("no complete reply within 1 s"), "\(result.stderrText)")
        #expect(seconds < 5, "took \(seconds) s: waited for the drip")
    }

    @Test func aReplyThatNeverEndsFailsAtOnceInBoundedMemory() throws {
        // Before: still running after 60 s at 17.4 GB. Killed after 20 s here, if it were so.
        let result = try run(
            ["dict", "get", "k", "f"], timeout: "30", processTimeout: 20, measuresPeakMemory: true
        ) { _ in
            .endless(head: Array("*2147483647\r\n".utf8), element: Array(":1\r\n".utf8))
        }
        expectProtocolFailure(result, "endless")
        #expect(result.stderrText.contains("16777216 elements"), "\(result.stderrText)")
        #expect(
            result.peakMemoryKilobytes > 0 && result.peakMemoryKilobytes < 200 * 1024,
            "peak \(result.peakMemoryKilobytes) KiB")
    }

    @Test func aBulkPastRedisLimitIsRefusedOnItsHeader() throws {
        let started = Date()
        let result = try run(["dict", "get", "k", "f"], timeout: "30") { _ in
            .raw(Array("$600000000\r\n".utf8))
        }
        expectProtocolFailure(result, "huge bulk")
        #expect(result.stderrText.contains("limit of 536870912 bytes"), "\(result.stderrText)")
        #expect(Date().timeIntervalSince(started) < 10, "waited for the bulk")
    }
}
