import Glibc
import PotterySystem

/// Optimistic transactions: WATCH, read, MULTI/EXEC, retry on conflict.
extension RedisConnection {
    /// Watches `keys`, lets `body` read them (with `call`) and return the commands to run
    /// atomically, then runs those in MULTI/EXEC. When another client changed a watched key,
    /// EXEC aborts and the whole cycle (WATCH, `body`, MULTI/EXEC) runs again, up to `retries`
    /// more times; after that, throws `.server` with command `EXEC`.
    ///
    /// `body` returning `nil` unwatches and returns `nil`. Returns EXEC's replies in order; a
    /// command that failed at run time (e.g. `WRONGTYPE`) is an `.error` element there. A command
    /// rejected while queuing aborts the transaction: its error is thrown.
    public func transaction(
        watching keys: [[UInt8]], retries: Int = 8,
        _ body: (RedisConnection) throws(RedisError) -> [[[UInt8]]]?
    ) throws(RedisError) -> [RESPValue]? {
        let attempts = max(retries, 0) + 1
        for attempt in 0..<attempts {
            if attempt > 0 { try backOff(after: attempt) }
            if !keys.isEmpty { _ = try execute(WATCH(keys)) }
            let commands: [[[UInt8]]]?
            do {
                commands = try body(self)
            } catch {
                if !keys.isEmpty && isUsable { _ = try? execute(UNWATCH()) }
                throw error
            }
            guard let commands else {
                if !keys.isEmpty { _ = try execute(UNWATCH()) }
                return nil
            }
            if let results = try execute(commands) { return results }
        }
        throw RedisError(
            kind: .server,
            message: "transaction aborted \(attempts) times: the watched keys kept changing",
            server: server, command: "EXEC")
    }

    /// Waits a random while before another attempt, growing with each (up to 1, 2, 4 ... 64 ms), so
    /// that writers who keep aborting each other's transactions fall out of step instead of
    /// starving one another. Ends early when an interrupt is pending.
    private func backOff(after attempt: Int) throws(RedisError) {
        let pause = Backoff.randomPause(upTo: .microseconds(1000 << min(attempt - 1, 6)))
        guard interruptibleSleep(for: pause, interruptCheck: options.interruptCheck) else {
            throw fail(.interrupted, "interrupted")
        }
    }

    /// MULTI, the commands, EXEC in one round trip; `nil` when EXEC aborted because of WATCH.
    private func execute(_ commands: [[[UInt8]]]) throws(RedisError) -> [RESPValue]? {
        assert(pendingReplies == 0, "transaction with unread pipelined replies")
        enqueue(MULTI())
        for command in commands { enqueue(command) }
        enqueue(EXEC())
        var failure: RedisError?
        do throws(RedisError) {
            if case .error(let bytes) = try readReply() {
                failure = RedisError(reply: bytes, server: server, command: MULTI.name)
            }
            for command in commands {
                if case .error(let bytes) = try readReply(), failure == nil {
                    failure = RedisError(
                        reply: bytes, server: server, command: RedisError.commandName(command))
                }
            }
            switch try readReply() {
            case .array(nil):
                return nil
            case .array(let results?):
                return results
            case .error(let bytes):
                throw failure ?? RedisError(reply: bytes, server: server, command: EXEC.name)
            default:
                throw fail(.protocolViolation, "EXEC answered with something other than an array")
            }
        } catch {
            throw error.with(command: EXEC.name)
        }
    }
}
