import Foundation
import RedisClient
import RedisTestSupport
import Testing

/// A Redis Cluster that speaks TLS (client ports, bus and replication): `rediss://` to one node
/// routes to every master over TLS, at the TLS port each node announces.
@Suite struct TLSClusterTests {
    @Test func rediss() throws {
        let fixture = try TLSFixture()
        let cluster = try RedisClusterProcess.start(timeout: 60, tls: fixture)
        defer { cluster.stop() }
        var options = RedisConnectionOptions(timeout: 10, clientName: "tls-cluster-test")
        options.tls.caFile = fixture.caFile
        let connection = try RedisConnection(
            url: RedisURL(parsing: "rediss://127.0.0.1:\(cluster.tlsPorts[0])/0"), options: options)
        #expect(connection.isCluster)
        let map = try connectNode(cluster.ports[0]).loadClusterSlotMap()
        var keys: [Int: String] = [:]
        var index = 0
        while keys.count < map.masters.count {
            let key = "tls-cluster:\(index)"
            index += 1
            if let master = map.master(forKey: Array(key.utf8)), keys[master.port] == nil {
                keys[master.port] = key
            }
        }
        for (_, key) in keys { _ = try connection.call([b("SET"), b(key), b("v")]) }
        for (_, key) in keys { #expect(try connection.call([b("GET"), b(key)]) == .bulkString(b("v"))) }
        // Every master was reached at its TLS port (the server's end of our connection).
        for (port, _) in keys {
            let clients = try cluster.cli(port, "CLIENT", "LIST")
            let ours = clients.split(separator: "\n").filter { $0.contains("name=tls-cluster-test") }
            let tlsPort = cluster.tlsPorts[try #require(cluster.ports.firstIndex(of: port))]
            #expect(
                !ours.isEmpty && ours.allSatisfy { $0.contains("laddr=127.0.0.1:\(tlsPort) ") }, "\(ours)")
        }
        // Without the CA, the first node's certificate is refused.
        var unverified = RedisConnectionOptions(timeout: 5)
        unverified.tls.caFile = nil
        let error = #expect(throws: RedisError.self) {
            try RedisConnection(
                url: RedisURL(parsing: "rediss://127.0.0.1:\(cluster.tlsPorts[1])/0"), options: unverified)
        }
        #expect(error?.message.contains("certificate") == true)
    }
}
