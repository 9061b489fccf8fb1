/// Loading a cluster's slot map through one node.
extension RedisConnection {
    /// The slot map as this node sees it: `CLUSTER SHARDS`, or `CLUSTER SLOTS` on a server that
    /// does not know SHARDS (before Redis 7). A node that is not in cluster mode throws its own
    /// error (kind `.server`); a malformed reply throws `.protocolViolation` and leaves the
    /// connection unusable. Endpoints the server does not know become this connection's host.
    public func loadClusterSlotMap() throws(RedisError) -> ClusterSlotMap {
        let defaultHost: String
        switch url.endpoint {
        case .tcp(let host, _): defaultHost = host
        case .unix: defaultHost = "127.0.0.1"
        }
        let command = [Array("CLUSTER".utf8), Array("SHARDS".utf8)]
        do {
            let reply = try call(command)
            return try decodeSlotMap(command) { () throws(RESPDecodingError) in
                try ClusterSlotMap(shardsReply: reply, defaultHost: defaultHost)
            }
        } catch  where error.kind == .server && error.message.lowercased().contains("unknown") {
            let fallback = [Array("CLUSTER".utf8), Array("SLOTS".utf8)]
            let reply = try call(fallback)
            return try decodeSlotMap(fallback) { () throws(RESPDecodingError) in
                try ClusterSlotMap(slotsReply: reply, defaultHost: defaultHost)
            }
        }
    }

    private func decodeSlotMap(
        _ command: [[UInt8]], _ decode: () throws(RESPDecodingError) -> ClusterSlotMap
    ) throws(RedisError) -> ClusterSlotMap {
        do {
            return try decode()
        } catch {
            let decoded = error.redisError(command: RedisError.commandName(command), server: server)
            if decoded.kind == .protocolViolation { _ = fail(.protocolViolation, decoded.message) }
            throw decoded
        }
    }
}
