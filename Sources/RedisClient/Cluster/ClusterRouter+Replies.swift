import PotterySystem

/// Replies, handed back in the order the commands were enqueued, and redirections followed.
extension ClusterRouter {
    /// The reply of the oldest command, in enqueue order; `timeout` bounds each wait for bytes.
    func nextReply(timeout: Double?) throws(RedisError) -> RESPValue {
        guard state.pendingReplies > 0 else {
            throw RedisError(
                kind: .protocolViolation, message: "a reply was asked for with no command in flight",
                server: server)
        }
        _ = state.headNode()
        try flushNodes()
        while !state.headIsAnswered {
            let index = state.headNode()!
            if !state.nodes[index].outbox.isEmpty {
                try flushNodes()
                continue
            }
            guard let connection = connection(of: index), connection.isUsable else {
                try recover(lostNode: index, error: Self.broken(address(of: index)))
                continue
            }
            let reply: RESPValue
            do {
                reply = try connection.readReply(timeout: timeout)
            } catch {
                try recover(lostNode: index, error: error)
                continue
            }
            try accept(reply, from: index)
        }
        return state.popHead()
    }

    /// A reply if the oldest command's reply is complete or readable without waiting.
    func nextReplyIfAvailable() throws(RedisError) -> RESPValue? {
        guard state.pendingReplies > 0 else { return nil }
        while !state.headIsAnswered {
            guard let index = state.routedHeadNode, let connection = connection(of: index),
                connection.isUsable,
                state.nodes[index].awaiting > 0
            else { return nil }
            let reply: RESPValue?
            do {
                reply = try connection.readReplyIfAvailable()
            } catch {
                try recover(lostNode: index, error: error)
                continue
            }
            guard let reply else { return nil }
            try accept(reply, from: index)
        }
        return state.popHead()
    }

    /// Hands `reply` to the state; sends what a redirection routed, and retries a
    /// TRYAGAIN/CLUSTERDOWN after a pause (and a new map) until its deadline.
    private func accept(_ reply: RESPValue, from index: Int) throws(RedisError) {
        switch try state.accept(reply, from: index) {
        case .stored:
            retryDeadline = nil
        case .redirected:
            try flushNodes()
        case .retryLater(let sequence):
            let deadline = state.retryDeadline(of: sequence, startingAt: .after(seconds: options.timeout))
            guard !deadline.hasPassed else {
                // Handed back as it is.
                retryDeadline = nil
                return
            }
            let attempt = state.prepareRetry(sequence)
            try pause(attempt: attempt, until: deadline)
            try? refreshMap(avoiding: nil)
            state.resend([sequence])
            try flushNodes()
        }
    }
}
