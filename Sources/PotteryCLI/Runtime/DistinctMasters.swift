import RedisClient

/// A quorum needs distinct masters: two URLs that reach the same server (or two nodes of one
/// cluster) would make every lock need the same server twice, and `lock acquire` would wait for
/// ever. Told apart without a round trip by `RedisConnection.serverIdentity`: the numeric
/// address the socket reached, or the cluster.
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
                        + (identity.hasPrefix("cluster") ? "cluster" : "server (\(identity))")
                        + ": a quorum needs distinct masters")
            }
            seen[identity] = index
        }
    }
}
