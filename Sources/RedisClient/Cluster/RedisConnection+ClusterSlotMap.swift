import PotterySystem

/// Loading a cluster's slot map through one node.
extension RedisConnection {
    /// The slot map as this node sees it: `CLUSTER SHARDS`, or `CLUSTER SLOTS` on a server that
    /// does not know SHARDS (before Redis 7). A node that is not in cluster mode throws its own
    /// error (kind `.server`); a malformed reply throws `.protocolViolation` and leaves the
    /// connection unusable. Endpoints the server does not know become this connection's host.
    public func loadClusterSlotMap() throws(RedisError) -> ClusterSlotMap {
        let defaultHost = clusterDefaultHost
        do {
            let reply = try execute(CLUSTER_SHARDS())
            return try decodeSlotMap(CLUSTER_SHARDS.fullName) { () throws(RESPDecodingError) in
                try ClusterSlotMap(
                    shardsReply: reply, defaultHost: defaultHost, preferTLSPort: options.tls.applies(to: url))
            }
        } catch
            where error.kind == .server
            && Array(error.message.utf8).containsASCII("unknown", ignoringCase: true)
        {
            let reply = try execute(CLUSTER_SLOTS())
            return try decodeSlotMap(CLUSTER_SLOTS.fullName) { () throws(RESPDecodingError) in
                try ClusterSlotMap(slotsReply: reply, defaultHost: defaultHost)
            }
        }
    }

    /// The host for nodes whose endpoint the server does not know: this connection's.
    var clusterDefaultHost: String {
        switch url.endpoint {
        case .tcp(let host, _): host
        case .unix: "127.0.0.1"
        }
    }

    /// Reads the reply to the `CLUSTER SHARDS` sent with the handshake (`clusterRouting`): a slot
    /// map makes this connection a router; an error (cluster support disabled, the command
    /// renamed away) or any other shape leaves it a plain connection. A Redis 6 cluster node,
    /// which does not know SHARDS, is asked for `CLUSTER SLOTS`. A node serving no slot yet is
    /// left plain (it answers CLUSTERDOWN itself).
    func adoptCluster(reply: RESPValue) throws(RedisError) {
        let map: ClusterSlotMap
        switch reply {
        case .error(let bytes):
            guard bytes.containsASCII("unknown subcommand", ignoringCase: true) else {
                return
            }
            map = try loadClusterSlotMap()
        case .array(.some):
            map = try decodeSlotMap(CLUSTER_SHARDS.fullName) { () throws(RESPDecodingError) in
                try ClusterSlotMap(
                    shardsReply: reply, defaultHost: clusterDefaultHost,
                    preferTLSPort: options.tls.applies(to: url))
            }
        default:
            return
        }
        if !map.shards.isEmpty, let socket { transport = ClusterRouter(seed: socket, map: map) }
    }

    private func decodeSlotMap(
        _ command: String, _ decode: () throws(RESPDecodingError) -> ClusterSlotMap
    ) throws(RedisError) -> ClusterSlotMap {
        do {
            return try decode()
        } catch {
            throw failDecoding(error, command: command)
        }
    }
}

/// Per-node work on a cluster.
extension RedisConnection {
    /// A plain connection to every master of the cluster, in slot order, for work that each
    /// master must do on its own keys (a bounded SCAN, say); `[self]` when not a cluster.
    public func masterConnections() throws(RedisError) -> [RedisConnection] {
        guard let router else { return [self] }
        return try router.masterConnections()
    }
}

extension RedisConnection {
    /// For a cluster, a name for the whole cluster (the address of the master of slot 0 in its map),
    /// the same whichever node was named; `nil` for a plain server.
    public var clusterIdentity: String? {
        guard let router, let first = router.state.masters.first else { return nil }
        return "cluster of " + router.address(of: first)
    }

    /// What this connection reaches, for telling servers apart without a round trip of its own:
    /// the cluster's identity, else the server's `run_id` when `connectAll` asked for it (several
    /// servers: so that `127.0.0.1`, `127.0.0.2` and `[::1]` to one server are one), else the
    /// server's numeric address as the socket sees it (so that `localhost` and `127.0.0.1` are
    /// one server); `nil` when closed.
    public var serverIdentity: String? {
        if let cluster = clusterIdentity { return cluster }
        guard isUsable, let socket, socket.fd >= 0 else { return nil }
        if let runID { return "run_id " + runID }
        return peerAddress
    }

    /// The server's numeric address as the socket sees it (`127.0.0.1:6379`), or nil.
    public var peerAddress: String? {
        guard isUsable, let socket, socket.fd >= 0 else { return nil }
        return Socket.peerAddress(socket.fd)
    }
}
