import PotteryProcess
import Foundation
import RedisTestSupport
import Testing

@testable import PotteryCLI

/// The REPL remembers each lock with the masters that hold it (issue 16, item 12).
@Suite struct ReplHeldLockTests {
    /// `lock acquire` on one server, `--url` to another, then `lock release KEY` and leaving: both
    /// locks are released on the first server, where they are held, not on the current one.
    @Test func heldLocksAreReleasedOnTheMastersThatHoldThem() throws {
        let first = RedisServerProcess.shared
        let second = try RedisServerProcess.start()
        defer { second.stop() }
        let released = uniqueKey("swl")
        let left = uniqueKey("swl")
        let captured = try CapturedSession(url: first.url)
        let repl = Repl(
            dispatcher: Dispatcher(table: .standard, session: captured.session), settings: Settings(),
            editor: ScriptedEditor([
                "lock acquire \(released) --ttl 60", "lock acquire \(left) --ttl 60", "--url \(second.url)",
                "lock release \(released)",
            ]), history: nil)
        #expect(repl.run() == .success)
        #expect(try first.cli("EXISTS", "redlock:\(released)") == "0", "\(captured.err)")
        #expect(try first.cli("EXISTS", "redlock:\(left)") == "0", "\(captured.err)")
        #expect(captured.err.contains("pottery: released lock \(left)"))
        #expect(captured.session.heldLocks.isEmpty)
    }
}
