import PotterySystem

/// Routes the commands of one `RedisConnection` to the masters of a Redis Cluster: the I/O
/// around `ClusterRoutingState`, which decides where each command goes and whose each reply is.
///
/// Each command goes to the master that serves its keys' hash slot, by the slot map loaded when
/// the connection was made (so a stable cluster never answers MOVED). Commands may be pipelined
/// across nodes: every node has its own connection and its own queue of commands awaiting
/// replies, and replies are handed back in the order the commands were enqueued.
///
/// - `MOVED`: the slot's new master goes into the map and the command is sent there again.
/// - `ASK`: the command is sent once more to the node named, after `ASKING`.
/// - `TRYAGAIN`, `CLUSTERDOWN`: sent again after a growing pause, within the timeout (the map is
///   reloaded after `CLUSTERDOWN`).
/// - A node that cannot be reached or drops the connection (a master killed): the map is reloaded
///   from another node until a replica has taken over (within the timeout) and the commands that
///   awaited replies there are sent to the new master. Such a command may have run before the
///   old master died, so it may run twice.
/// - A transaction (MULTI ... EXEC) goes whole to the node of its first keyed command and follows
///   no redirection; it fails if its node is lost.
/// - A command without keys goes to the default node (the first master).
final class ClusterRouter: RedisTransport {
    /// Credentials and TLS of the node first connected to, for every other node.
    let seedURL: RedisURL
    var url: RedisURL { seedURL }
    /// The options of every node connection (cluster detection off).
    let options: RedisConnectionOptions
    /// For errors.
    let server: String

    var state: ClusterRoutingState
    /// The connection to each node of `state.nodes`, by index, once made.
    var connections: [RedisSocket?] = []
    /// Why the router is unusable: an exchange failed beyond recovery (every node connection is
    /// then closed), or it was closed.
    var unusableReason: String?

    /// The capacity to reserve for encoding the next command.
    var encodingCapacity = 256
    /// Until when lost nodes are waited out; set when one is lost, cleared when a reply arrives.
    var retryDeadline: Deadline?

    /// A router over `map`; `seed` (already connected and handshaken) serves as the connection to
    /// its own node when the map names that node by the same address.
    init(seed: RedisSocket, map: ClusterSlotMap) {
        self.seedURL = seed.url
        var options = seed.options
        options.clusterRouting = false
        self.options = options
        self.server = seed.server
        self.state = ClusterRoutingState(map: map)
        adoptSocket(of: seed)
    }

    /// When the map names the seed's own address, the seed's socket (handshake done, nothing in
    /// flight) becomes that node's connection, which saves connecting to it again; else it is
    /// closed.
    private func adoptSocket(of seed: RedisSocket) {
        guard case .tcp(let host, let port) = seed.url.endpoint, seed.pendingReplies == 0,
            seed.bufferedOutputBytes == 0, seed.parser.bufferedByteCount == 0,
            let index = state.nodeIndex(address: ClusterNode(host: host, port: port).description)
        else {
            seed.close()
            return
        }
        setConnection(seed, for: index)
    }

    /// Bytes enqueued and not yet sent, over every node.
    var bufferedOutputBytes: Int {
        state.outboxBytes + connections.reduce(0) { $0 + ($1?.bufferedOutputBytes ?? 0) }
    }

    /// `host:port` of node `index`.
    func address(of index: Int) -> String { state.nodes[index].address }

    /// The slot of a command's first key; `-1` without keys (or for a command the table does not
    /// know, which any node may run or redirect).
    static func slot(of arguments: [[UInt8]]) -> Int {
        guard let positions = try? CommandKeys.positions(in: arguments), let first = positions.first else {
            return -1
        }
        return ClusterSlot.of(arguments[first])
    }

    // MARK: - Sending

    /// Connects the nodes that have commands waiting and sends everything enqueued.
    func flushNodes() throws(RedisError) {
        var index = 0
        while index < state.nodes.count {
            do throws(RedisError) {
                if !state.nodes[index].outbox.isEmpty { try writeOutbox(of: index) }
                if let connection = connection(of: index), connection.bufferedOutputBytes > 0 {
                    try connection.flush()
                }
                index += 1
            } catch {
                // The node's commands go elsewhere; start over, other nodes may have new ones.
                try recover(lostNode: index, error: error)
                index = 0
            }
        }
    }

    /// Connects node `index` if needed and moves its outbox into the connection.
    func writeOutbox(of index: Int) throws(RedisError) {
        let connection = try connection(to: index)
        state.drainOutbox(of: index) { connection.enqueueRaw($0) }
    }

    /// The connection to node `index`, if one was made.
    func connection(of index: Int) -> RedisSocket? {
        index < connections.count ? connections[index] : nil
    }

    func setConnection(_ connection: RedisSocket?, for index: Int) {
        if connections.count <= index {
            connections += Array(repeating: nil, count: index + 1 - connections.count)
        }
        connections[index] = connection
    }

    /// The connection to node `index`, made if there is none (or it broke).
    func connection(to index: Int) throws(RedisError) -> RedisSocket {
        if let connection = connection(of: index), connection.isUsable { return connection }
        if state.nodes[index].awaiting > 0 {
            // Lost with replies in flight: the caller recovers them elsewhere.
            throw Self.broken(address(of: index))
        }
        setConnection(nil, for: index)
        let connection = try Self.openNode(url(of: index), options: options)
        setConnection(connection, for: index)
        return connection
    }

    /// A node connection: connected and handshaken, never routed itself (`options` has
    /// `clusterRouting` off), so its transport is its socket.
    static func openNode(_ url: RedisURL, options: RedisConnectionOptions) throws(RedisError) -> RedisSocket {
        try RedisConnection(url: url, options: options).socket!
    }

    /// Closes every node connection; the router is unusable from now on.
    func close() {
        for connection in connections { connection?.close() }
        if unusableReason == nil { unusableReason = "the connection is closed" }
    }

    /// The error for a node whose connection broke with replies in flight.
    static func broken(_ address: String) -> RedisError {
        RedisError(kind: .connectionLost, message: "the connection broke", server: address)
    }
}
