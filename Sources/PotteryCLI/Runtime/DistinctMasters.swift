import RedisClient

/// A quorum needs distinct masters: two URLs that reach the same server (or two nodes of one
/// cluster) would make every lock need the same server twice, and `lock acquire` would wait for
/// ever. Told apart by `RedisConnection.serverIdentity`: the cluster, else the server's `run_id`
/// (asked with the handshake when there are several masters, so `127.0.0.1`, `127.0.0.2` and
/// `[::1]` to one server are one), else the numeric address the socket reached.
enum DistinctMasters {
    /// Throws a usage error naming two masters that reach the same server; masters that could not
    /// be reached are left to the quorum.
    static func check(_ urls: [String], _ connections: [Result<RedisConnection, RedisError>]) throws {
        guard connections.count > 1 else { return }
        var seen: [String: Int] = [:]
        for (index, result) in connections.enumerated() {
            guard case .success(let connection) = result, let identity = connection.serverIdentity else {
                continue
            }
            if let first = seen[identity] {
                let name = { (i: Int) in (try? RedisURL(parsing: urls[i]).redacted) ?? "master \(i + 1)" }
                throw CLIError.usage(
                    "masters \(name(first)) and \(name(index)) reach the same "
                        + (identity.hasPrefix("cluster")
                            ? "cluster" : "server (\(connection.peerAddress ?? identity))")
                        + ": a quorum needs distinct masters")
            }
            seen[identity] = index
        }
    }
}
