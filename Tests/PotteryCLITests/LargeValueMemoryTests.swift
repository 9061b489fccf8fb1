import Foundation
import RedisTestSupport
import Testing

/// One huge value costs about twice its size, not four times (issue 17): the line is let go
/// before its stored form is sent, and neither the JSON canonicalizer nor the bulk writer copy it
/// again. A 50 MB line used to peak at 221 MB (4.4×).
@Suite struct LargeValueMemoryTests {
    @Test func aHugeLineIsHeldAboutTwice() throws {
        let key = uniqueKey("list")
        let size = 50_000_000
        let line = "\"" + String(repeating: "x", count: size - 2) + "\"\n"
        let stored = PotteryBinary.run(
            ["list", "append", key, "-"], stdin: line, timeout: 120, measuresPeakMemory: true)
        #expect(stored.status == 0, "\(stored.stderrText)")
        // About 110 MB alone; up to ~160 MB on a busy machine (glibc may keep the line buffer's
        // smaller predecessors resident). Before: 221 MB.
        #expect(
            stored.peakMemoryKilobytes > 0 && stored.peakMemoryKilobytes < 180 * 1024,
            "peak \(stored.peakMemoryKilobytes) KiB")

        // And the value comes back whole: a large reply is no protocol violation.
        let read = PotteryBinary.run(["list", "get", key, "0"], timeout: 120)
        #expect(read.status == 0, "\(read.stderrText)")
        #expect(read.stdout.count == size + 1 && read.stdout.first == UInt8(ascii: "\""))
    }
}
