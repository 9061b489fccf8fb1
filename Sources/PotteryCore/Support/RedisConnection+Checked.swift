/// Helpers for reading pipelined replies, where error replies come back as values.
extension RESPValue {
    /// This reply, or the error it carries thrown as a ``RedisError`` naming `command`.
    func checked(_ command: String, on connection: RedisConnection) throws(RedisError) -> RESPValue {
        if case .error(let bytes) = self {
            throw RedisError(serverReply: bytes, server: connection.url.redacted, command: command)
        }
        return self
    }
}

extension RedisError {
    /// An error reply from the server: its first word, when upper case, is the code.
    init(serverReply bytes: [UInt8], server: String, command: String?) {
        let text = String(decoding: bytes, as: UTF8.self)
        var code: String?
        var message = text
        if let space = text.firstIndex(of: " ") {
            let word = text[..<space]
            if !word.isEmpty, word.allSatisfy({ $0.isUppercase || $0 == "_" }) {
                code = String(word)
                message = String(text[text.index(after: space)...])
            }
        }
        self.init(kind: .server, code: code, message: message, server: server, command: command)
    }
}

extension RedisConnection {
    /// Sends `commands` in one write and reads every reply, error replies included as values, so the
    /// connection stays in step even when one of them failed.
    func pipeline(_ commands: [[[UInt8]]]) throws(RedisError) -> [RESPValue] {
        for command in commands { enqueue(command) }
        try flush()
        var replies: [RESPValue] = []
        replies.reserveCapacity(commands.count)
        for _ in commands { replies.append(try readReply()) }
        return replies
    }
}
