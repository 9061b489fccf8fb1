import PotterySystem

/// Lost nodes and failovers: reloading the map and sending commands again.
extension ClusterRouter {
    /// Node `index` could not be reached or dropped the connection. Reloads the map from the other
    /// nodes until its slots have another master (a replica took over) or the node answers again,
    /// pausing between attempts, within the timeout; then sends the commands that awaited replies
    /// there to their masters. Any other error, a lost transaction or the timeout: rethrows `error`.
    func recover(lostNode index: Int, error: RedisError) throws(RedisError) {
        guard error.kind == .connectionLost || error.kind == .connect else { throw error }
        connection(of: index)?.close()
        setConnection(nil, for: index)
        guard let orphans = state.lose(node: index) else { throw error }
        let deadline = retryDeadline ?? .after(seconds: options.timeout)
        retryDeadline = deadline
        try waitOut(lostNode: index, error: error, until: deadline) { state.isNeeded(index, by: orphans) }
        state.resend(orphans)
    }

    /// The connection to the master of `slot` (the default node for `-1`). When that node cannot
    /// be reached, the map is reloaded from the other nodes, pausing between attempts, until
    /// another master serves the slot (a replica took over) or the node answers again, within the
    /// timeout; then the error is rethrown.
    func connectionWaitingOutFailover(slot: Int) throws(RedisError) -> RedisSocket {
        var deadline: Deadline?
        while true {
            let index = state.route(slot: slot)
            do {
                return try connection(to: index)
            } catch {
                guard error.kind == .connectionLost || error.kind == .connect else { throw error }
                let end = deadline ?? .after(seconds: options.timeout)
                deadline = end
                try waitOut(lostNode: index, error: error, until: end) { state.route(slot: slot) == index }
            }
        }
    }

    /// Reloads the map (pausing between attempts) until node `index` is no longer `needed` by the
    /// map or answers again; at `deadline`, throws `error` saying that no other node took over.
    private func waitOut(
        lostNode index: Int, error: RedisError, until deadline: Deadline, needed: () -> Bool
    ) throws(RedisError) {
        var attempt = 0
        while true {
            attempt += 1
            try? refreshMap(avoiding: index)
            if !needed() || (try? connection(to: index)) != nil { return }
            if deadline.hasPassed {
                var failure = error
                failure.message += "; no other node took over within \(formatSeconds(options.timeout))"
                throw failure
            }
            try pause(attempt: attempt, until: deadline)
        }
    }

    /// Loads the slot map again from a reachable node (not `lost`): an idle connection of the
    /// router, else a new connection to a known node, else the address first given.
    func refreshMap(avoiding lost: Int?) throws(RedisError) {
        var failure = RedisError(kind: .connect, message: "no cluster node could be reached", server: server)
        let candidates = (state.masters + Array(state.nodes.indices)).filter { $0 != lost }
        var tried = Set<Int>()
        for index in candidates where tried.insert(index).inserted {
            do {
                let asker: RedisSocket
                if let existing = connection(of: index), existing.isUsable, state.nodes[index].awaiting == 0,
                    state.nodes[index].outbox.isEmpty, existing.bufferedOutputBytes == 0
                {
                    asker = existing
                } else {
                    asker = try Self.openNode(url(of: index), options: options)
                }
                try installIfServing(RedisConnection(transport: asker).loadClusterSlotMap())
                return
            } catch {
                failure = error
            }
        }
        do {
            try installIfServing(RedisConnection(url: seedURL, options: options).loadClusterSlotMap())
        } catch {
            throw failure
        }
    }

    /// Takes `map` unless it serves no slot at all (a node still starting).
    private func installIfServing(_ map: ClusterSlotMap) throws(RedisError) {
        guard !map.shards.isEmpty else {
            throw RedisError(kind: .server, message: "the node serves no slot yet", server: server)
        }
        state.install(map)
    }

    /// The URL of node `index`: its address, with the seed's credentials and TLS, database 0.
    func url(of index: Int) -> RedisURL {
        let node = state.nodes[index]
        return RedisURL(
            endpoint: .tcp(host: node.host, port: node.port), user: seedURL.user, password: seedURL.password,
            db: 0, tls: seedURL.tls)
    }

    /// Sleeps 10, 20, 40 ... up to 320 ms by `attempt`, never past `deadline`; ends early with
    /// `.interrupted` when the interrupt check says so.
    func pause(attempt: Int, until deadline: Deadline) throws(RedisError) {
        var pause = Duration.milliseconds(10 << min(max(attempt - 1, 0), 5))
        if let left = deadline.timeLeft { pause = left > .zero ? min(pause, left + .milliseconds(1)) : .zero }
        guard interruptibleSleep(for: pause, interruptCheck: options.interruptCheck) else {
            throw RedisError(kind: .interrupted, message: "interrupted", server: server)
        }
    }
}
