/// The router as a connection's transport: every exchange that fails beyond recovery (a node
/// lost for longer than the timeout, a protocol violation, an interruption) leaves it unusable,
/// as a broken socket is, with every node connection closed. Server and authentication errors
/// are only the command's.
extension ClusterRouter {
    var pendingReplies: Int { state.pendingReplies }

    func enqueueEncoded(route: () -> CommandRoute, _ build: (inout RESPCommandEncoder) -> Void) -> Int {
        // One allocation per command, sized by the last one (bulk commands are alike).
        var encoder = RESPCommandEncoder(reservingCapacity: encodingCapacity)
        build(&encoder)
        encodingCapacity = min(max(encoder.count + 64, 256), 1 << 20)
        state.enqueue(encoder.buffer, route: route())
        return encoder.count
    }

    func flush() throws(RedisError) {
        do { try flushNodes() } catch { throw failed(error) }
    }

    func readReply(timeout: Double?) throws(RedisError) -> RESPValue {
        do { return try nextReply(timeout: timeout) } catch { throw failed(error) }
    }

    func readReplyIfAvailable() throws(RedisError) -> RESPValue? {
        do { return try nextReplyIfAvailable() } catch { throw failed(error) }
    }

    /// A router reads replies whole (a redirection is retried before it is handed on).
    func peekLeadingBulkString(timeout: Double?) throws(RedisError) -> [UInt8]? { nil }

    /// One command with the policies of `dispatch(_:)`.
    func call(_ arguments: [[UInt8]]) throws(RedisError) -> RESPValue {
        try checkUsable()
        do {
            return try dispatch(arguments)
        } catch {
            throw failed(error).with(command: RedisError.commandName(arguments))
        }
    }

    func call(strings arguments: [String]) throws(RedisError) -> RESPValue {
        try call(arguments.map { Array($0.utf8) })
    }

    func checkUsable() throws(RedisError) {
        guard let unusableReason else { return }
        throw RedisError(kind: .connectionLost, message: unusableReason, server: server)
    }

    func fail(_ kind: RedisError.Kind, _ message: String) -> RedisError {
        failed(RedisError(kind: kind, message: message, server: server))
    }

    /// `error` as thrown: a server or authentication error as it is; anything else closes every
    /// node connection and leaves the router unusable.
    private func failed(_ error: RedisError) -> RedisError {
        guard error.kind != .server, error.kind != .authentication else { return error }
        close()
        unusableReason = "connection unusable after an earlier error: " + error.message
        return error
    }
}
