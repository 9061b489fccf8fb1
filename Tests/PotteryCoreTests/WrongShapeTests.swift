import PotteryCore
import RedisClient
import RedisTestSupport
import Testing

/// A real server whose commands answer with the wrong shape: SCARD is ECHO (a bulk string where an
/// integer belongs), SMISMEMBER is SINTER (members where flags belong, and not one per question).
private let renamed: RedisServerProcess = {
    do {
        return try RedisServerProcess.start(extraArguments: [
            "--rename-command", "SCARD", "", "--rename-command", "ECHO", "SCARD",
            "--rename-command", "SMISMEMBER", "", "--rename-command", "SINTER", "SMISMEMBER",
        ])
    } catch {
        fatalError("cannot start redis-server: \(error)")
    }
}()

@Suite struct WrongShapeTests {
    @Test func aWrongShapedReplyIsAProtocolViolationNotAnAnswer() throws {
        let set = RedisSet<Int>(key: uniqueKey("shape"), redis: try connect(renamed))
        let error = redisError { () throws(PotteryError) in _ = try set.count() }
        #expect(error?.kind == .protocolViolation)
        #expect(error?.command == "SCARD")
    }

    @Test func smismemberMustAnswerEveryQuestion() throws {
        let set = RedisSet<Int>(key: uniqueKey("shape"), redis: try connect(renamed))
        let error = redisError { () throws(PotteryError) in _ = try set.contains(many: [1, 2]) }
        #expect(error?.kind == .protocolViolation)
    }
}
