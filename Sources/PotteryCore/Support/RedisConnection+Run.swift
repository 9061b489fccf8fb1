import RedisClient

/// The one place where PotteryCore turns the client's errors into ``PotteryError``s: each names
/// the key its command concerns (``RedisCommand/subject``).
extension RedisConnection {
    /// Executes `command` and decodes its reply.
    func run<Command: RedisCommand>(_ command: Command) throws(PotteryError) -> Command.Response {
        do throws(RedisError) {
            return try execute(command)
        } catch {
            throw PotteryError(error, key: command.subject)
        }
    }

    /// Runs a script (EVALSHA, then EVAL after `NOSCRIPT`); errors name its first key.
    func runScript(_ call: EVALSHA) throws(PotteryError) -> RESPValue {
        do throws(RedisError) {
            return try eval(call)
        } catch {
            throw PotteryError(error, key: call.subject)
        }
    }

    /// Sends `batch` and reads every reply; errors name `key`.
    func send(_ batch: RedisBatch, key: [UInt8]?) throws(PotteryError) -> RedisBatch.Replies {
        do throws(RedisError) {
            return try batch.send()
        } catch {
            throw PotteryError(error, key: key)
        }
    }

    /// The protocol violation for a reply of `command` that decoded but means nothing.
    func wrongShape<Command: RedisCommand>(_ command: Command, expected: String, got reply: RESPValue)
        -> PotteryError
    {
        PotteryError(wrongShape(of: command, expected: expected, got: reply), key: command.subject)
    }
}

extension RedisBatch.Replies {
    /// The reply of `slot`, decoded; errors name the command's subject.
    func value<Command: RedisCommand>(_ slot: RedisBatch.Slot<Command>) throws(PotteryError)
        -> Command.Response
    {
        do throws(RedisError) {
            return try self[slot]
        } catch {
            throw PotteryError(error, key: slot.command.subject)
        }
    }

    /// Checks that `slot`'s command was queued in a `MULTI`; errors name its subject.
    func checkQueued<Command: RedisCommand>(_ slot: RedisBatch.Slot<Command>) throws(PotteryError) {
        do throws(RedisError) {
            try queued(slot)
        } catch {
            throw PotteryError(error, key: slot.command.subject)
        }
    }

    /// One of `EXEC`'s results, decoded as `slot`'s command; errors name its subject.
    func value<Command: RedisCommand>(_ result: RESPValue, of slot: RedisBatch.Slot<Command>)
        throws(PotteryError)
        -> Command.Response
    {
        do throws(RedisError) {
            return try decode(result, of: slot)
        } catch {
            throw PotteryError(error, key: slot.command.subject)
        }
    }
}
