import Foundation
import RedisTestSupport
import Testing

/// Several pottery processes changing one list at once (SPEC §5: atomic read-then-write): each
/// removes its own numbers (Python equality, so the WATCH/MULTI path), deletes by index and inserts
/// in the middle (Lua scripts); nothing is lost, duplicated or moved.
@Suite struct ListConcurrencyTests {
    @Test func concurrentRemoveInsertAndPopKeepTheListWhole() throws {
        let key = uniqueKey("list-concurrent")
        let input = (0..<1000).map(String.init).joined(separator: "\n") + "\n"
        #expect(PotteryBinary.run(["list", "append", key, "-"], stdin: input).status == 0)
        let workers = 4
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var lines: [String] = []
            for n in stride(from: worker, to: 400, by: workers) {
                lines.append("list remove \(key) \(n).0")  // equal to the int n, as in Python
                lines.append("list insert \(key) 500 '\"w\(worker)-\(n)\"'")
            }
            lines.append("list pop \(key) -1")
            results.append(PotteryBinary.run([], stdin: lines.joined(separator: "\n") + "\n"))
        }
        #expect(results.all.count == workers)
        for result in results.all { #expect(result.status == 0, "\(result.stderrText)") }
        let final = PotteryBinary.run("list", "items", key).lines
        // 400 removed, 400 inserted (in the middle), 4 popped from the end (996...999).
        #expect(final.count == 1000 - 400 + 400 - workers)
        let numbers = final.compactMap { Int($0) }
        #expect(numbers == Array(400..<996))
        let inserted = Set(final.filter { $0.hasPrefix("\"w") })
        #expect(inserted.count == 400)
    }
}

/// The workers' results, collected under a lock.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [ProcessResult] = []

    func append(_ result: ProcessResult) {
        lock.lock()
        defer { lock.unlock() }
        results.append(result)
    }

    var all: [ProcessResult] {
        lock.lock()
        defer { lock.unlock() }
        return results
    }
}
