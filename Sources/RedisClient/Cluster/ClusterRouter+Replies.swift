/// Replies, handed back in the order the commands were enqueued, and redirections followed.
extension ClusterRouter {
    /// The reply of the oldest command, in enqueue order; `timeout` bounds each wait for bytes.
    func readReply(timeout: Double?) throws(RedisError) -> RESPValue {
        guard head < entries.count else {
            throw RedisError(
                kind: .protocolViolation, message: "a reply was asked for with no command in flight",
                server: server)
        }
        if entries[head].node == nil { sendDeferredMulti() }
        try flush()
        while entries[head].reply == nil {
            let index = entries[head].node!
            let node = nodes[index]
            if !node.unsent.isEmpty {
                try flush()
                continue
            }
            guard let connection = node.connection, connection.isUsable else {
                try recover(lostNode: index, error: Self.broken(node))
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
        return popHead()
    }

    /// A reply if the oldest command's reply is complete or readable without waiting.
    func readReplyIfAvailable() throws(RedisError) -> RESPValue? {
        guard head < entries.count else { return nil }
        while entries[head].reply == nil {
            guard let index = entries[head].node else { return nil }
            let node = nodes[index]
            guard node.unsent.isEmpty, let connection = node.connection, connection.isUsable else {
                return nil
            }
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
        return popHead()
    }

    private func popHead() -> RESPValue {
        let reply = entries[head].reply!
        entries[head].reply = nil
        entries[head].bytes = []
        head += 1
        if head == entries.count {
            entries.removeAll(keepingCapacity: entries.count < 4096)
            firstSequence += head
            head = 0
        }
        return reply
    }

    /// A MULTI that no command followed before its reply was wanted: to the default node.
    private func sendDeferredMulti() {
        guard let multi = deferredMulti else { return }
        let node = transactionNode ?? defaultNode
        transactionNode = node
        deferredMulti = nil
        send(multi, to: node)
    }

    /// Matches `reply` with the oldest command awaiting it on node `index`; follows redirections.
    private func accept(_ reply: RESPValue, from index: Int) throws(RedisError) {
        let node = nodes[index]
        guard node.awaiting > 0 else {
            throw RedisError(
                kind: .protocolViolation, message: "a reply nobody asked for", server: node.address)
        }
        let sequence = node.popQueue()
        if sequence == Node.askingAck { return }
        let position = sequence - firstSequence
        if case .error(let bytes) = reply, !entries[position].inTransaction,
            let redirect = ClusterRedirect(errorReply: bytes, defaultHost: node.host),
            try follow(redirect, sequence: sequence)
        {
            return
        }
        retryDeadline = nil
        entries[position].reply = reply
    }

    /// Sends entry `sequence` where `redirect` says; `false` when it has been redirected too
    /// often, or retried until the deadline (then its error reply is handed back as it is).
    private func follow(_ redirect: ClusterRedirect, sequence: Int) throws(RedisError) -> Bool {
        let position = sequence - firstSequence
        switch redirect {
        case .moved(let slot, let host, let port):
            guard entries[position].redirects < Self.maxRedirects else { return false }
            entries[position].redirects += 1
            let target = nodeIndex(host: host, port: port)
            moved(slot: slot, to: target)
            send(sequence, to: target)
        case .ask(_, let host, let port):
            guard entries[position].redirects < Self.maxRedirects else { return false }
            entries[position].redirects += 1
            let target = nodeIndex(host: host, port: port)
            // ASKING must precede the command on the same connection: connect now if needed
            // (writing first whatever was routed there before).
            do {
                try connectAndWriteUnsent(target)
            } catch {
                return false
            }
            let node = nodes[target]
            node.connection!.enqueueRaw(Self.asking)
            node.queue.append(Node.askingAck)
            send(sequence, to: target)
        case .retryLater:
            let deadline = entries[position].retryUntil ?? .after(seconds: options.timeout)
            entries[position].retryUntil = deadline
            guard !deadline.hasPassed else { return false }
            entries[position].redirects += 1
            try pause(attempt: entries[position].redirects, until: deadline)
            try? refreshMap(avoiding: nil)
            send(sequence, to: route(slot: entries[position].slot))
        }
        try flush()
        return true
    }

    /// The error for a node whose connection broke with replies in flight.
    static func broken(_ node: Node) -> RedisError {
        RedisError(kind: .connectionLost, message: "the connection broke", server: node.address)
    }

    static let asking: [UInt8] = {
        var encoder = RESPCommandEncoder(reservingCapacity: 32)
        ASKING().encode(into: &encoder)
        return encoder.buffer
    }()
}
