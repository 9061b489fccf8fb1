/// An error reply by which a cluster node sends a command elsewhere or asks for it again later.
enum ClusterRedirect: Equatable {
    /// `MOVED slot host:port`: the slot now lives there for good.
    case moved(slot: Int, host: String, port: Int)
    /// `ASK slot host:port`: this one command goes there, after `ASKING` (a slot being migrated).
    case ask(slot: Int, host: String, port: Int)
    /// `TRYAGAIN`: a multi-key command during a migration; `CLUSTERDOWN`: the cluster cannot
    /// serve the slot right now (a failover is under way). Both: the same command again, later.
    case retryLater

    /// The redirection an error reply asks for, or `nil` for any other error. An empty host
    /// (`MOVED 3999 :6380`, a node that does not know its own address) is `defaultHost`.
    init?(errorReply bytes: [UInt8], defaultHost: String) {
        guard let first = bytes.first,
            first == UInt8(ascii: "M") || first == UInt8(ascii: "A")
                || first == UInt8(ascii: "T") || first == UInt8(ascii: "C")
        else { return nil }
        let text = String(decoding: bytes.prefix(512), as: UTF8.self)
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        guard let code = words.first else { return nil }
        switch code {
        case "TRYAGAIN", "CLUSTERDOWN":
            self = .retryLater
        case "MOVED", "ASK":
            guard words.count == 3, let slot = Int(words[1]), slot >= 0, slot < ClusterSlot.count,
                let colon = words[2].lastIndex(of: ":"),
                let port = Int(words[2][words[2].index(after: colon)...]), port > 0, port <= 65535
            else { return nil }
            var host = String(words[2][..<colon])
            if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            if host.isEmpty { host = defaultHost }
            self =
                code == "MOVED"
                ? .moved(slot: slot, host: host, port: port) : .ask(slot: slot, host: host, port: port)
        default:
            return nil
        }
    }
}
