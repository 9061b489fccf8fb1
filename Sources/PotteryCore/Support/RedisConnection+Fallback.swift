import RedisClient

extension RedisConnection {
    /// Runs `newer`, which sends `command`, on a server that has it, and `older` (an equivalent of
    /// older servers) on one that answers that it does not know it. A server refuses an unknown
    /// command before doing anything, so nothing was written; the answer is remembered for the
    /// connection, and a REPL or a batch pays the refusal once. A current server pays nothing.
    func run<Result>(
        _ command: some RedisCommand, _ newer: () throws(PotteryError) -> Result,
        orOnOlderServers older: () throws(PotteryError) -> Result
    ) throws(PotteryError) -> Result {
        if lacks(type(of: command).name) { return try older() }
        do {
            return try newer()
        } catch {
            guard error.isUnknownCommand else { throw error }
            noteLacking(type(of: command).name)
            return try older()
        }
    }
}

extension PotteryError {
    /// Whether the server said it does not know the command (`ERR unknown command 'X'`, as Redis
    /// and Valkey put it): it did nothing.
    var isUnknownCommand: Bool {
        guard case .redis(let error) = kind, error.kind == .server else { return false }
        return error.message.lowercased().hasPrefix("unknown command")
    }

    /// Whether the server rejected the command's syntax (`ERR syntax error`): it did nothing.
    var isSyntaxError: Bool {
        guard case .redis(let error) = kind, error.kind == .server else { return false }
        return error.message.lowercased().contains("syntax error")
    }
}
