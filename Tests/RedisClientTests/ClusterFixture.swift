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
    try RedisConnection(
        url: RedisURL(parsing: "redis://127.0.0.1:\(port)/0"),
        options: RedisConnectionOptions(timeout: timeout))
}
