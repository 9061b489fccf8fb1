import RedisClient
import RedisTestSupport

/// The 6-node cluster the cluster suites share, started on first use and killed at exit.
let sharedCluster: RedisClusterProcess = {
    do {
        return try RedisClusterProcess.start()
    } catch {
        fatalError("cannot start the test cluster: \(error)")
    }
}()

/// A plain (unrouted) connection to the cluster node on `port`.
func connectNode(_ port: Int, timeout: Double = 10) throws -> RedisConnection {
    var options = RedisConnectionOptions(timeout: timeout)
    options.clusterRouting = false
    return try RedisConnection(url: RedisURL(parsing: "redis://127.0.0.1:\(port)/0"), options: options)
}

extension RedisConnectionOptions {
    /// Options that skip the cluster probe (`CLUSTER SHARDS` with the handshake), for raw
    /// listeners that play a silent or broken server from the first command on.
    static func withoutClusterProbe(timeout: Double = 5) -> RedisConnectionOptions {
        var options = RedisConnectionOptions(timeout: timeout)
        options.clusterRouting = false
        return options
    }
}
