/// Routes the commands of one `RedisConnection` to the masters of a Redis Cluster.
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
final class ClusterRouter {
    /// Credentials and TLS of the node first connected to, for every other node.
    let seedURL: RedisURL
    /// The options of every node connection (cluster detection off).
    let options: RedisConnectionOptions
    /// For errors.
    let server: String

    /// One master (or a node a redirection named), its connection and its queue.
    final class Node {
        let host: String
        let port: Int
        var connection: RedisConnection?
        /// Sequence numbers of the commands sent here awaiting replies, oldest first from
        /// `queueHead`; `Node.askingAck` for the reply of an ASKING.
        var queue: [Int] = []
        var queueHead = 0
        /// Commands routed here but not written to the connection yet (it is not connected).
        var unsent: [Int] = []
        var unsentBytes = 0

        static let askingAck = -1

        init(host: String, port: Int) {
            self.host = host
            self.port = port
        }

        /// `host:port` (IPv6 hosts in brackets), as the slot map names nodes.
        var address: String { ClusterNode(host: host, port: port).description }
        var awaiting: Int { queue.count - queueHead }

        func popQueue() -> Int {
            let sequence = queue[queueHead]
            queueHead += 1
            if queueHead == queue.count {
                queue.removeAll(keepingCapacity: true)
                queueHead = 0
            }
            return sequence
        }
    }

    /// One command enqueued and not yet handed back.
    struct Entry {
        var bytes: [UInt8]
        /// The hash slot of its keys; `-1` without keys.
        var slot: Int
        /// Index in `nodes` of where it was sent; `nil` for a MULTI waiting for its first command.
        var node: Int?
        var reply: RESPValue?
        var redirects = 0
        /// Until when TRYAGAIN/CLUSTERDOWN are retried (from the first of them, one timeout).
        var retryUntil: Deadline?
        /// Between MULTI and EXEC/DISCARD: follows no redirection.
        var inTransaction: Bool
    }

    var nodes: [Node] = []
    private var nodeByAddress: [String: Int] = [:]
    /// Slot → index in `nodes` of its master; `-1` for a slot no master serves.
    private var owners = [Int32](repeating: -1, count: ClusterSlot.count)
    /// Indexes of the masters in the last map loaded, in slot order.
    private(set) var masters: [Int] = []

    var entries: [Entry] = []
    /// Entries before `head` were handed back.
    var head = 0
    /// The sequence number of `entries[0]`.
    var firstSequence = 0

    /// The capacity to reserve for encoding the next command.
    var encodingCapacity = 256
    /// Where the last command with keys went.
    var lastKeyedNode: Int?
    var inTransaction = false
    var transactionNode: Int?
    var deferredMulti: Int?
    /// Until when lost nodes are waited out; set when one is lost, cleared when a reply arrives.
    var retryDeadline: Deadline?

    /// At most this many MOVED/ASK redirections per command (a loop between confused nodes ends).
    static let maxRedirects = 16

    /// A router over `map`; `seed` (already connected and handshaken) serves as the connection to
    /// its own node when the map names that node by the same address.
    init(seed: RedisConnection, map: ClusterSlotMap) {
        self.seedURL = seed.url
        var options = seed.options
        options.clusterRouting = false
        self.options = options
        self.server = seed.server
        install(map)
        adoptSocket(of: seed)
    }

    /// When the map names the seed's own address, the seed's socket (handshake done, nothing in
    /// flight) becomes that node's connection, which saves connecting to it again.
    private func adoptSocket(of seed: RedisConnection) {
        guard case .tcp(let host, let port) = seed.url.endpoint, seed.pendingReplies == 0,
            seed.bufferedOutputBytes == 0, seed.parser.bufferedByteCount == 0,
            let index = nodeByAddress[Node(host: host, port: port).address]
        else { return }
        let node = nodes[index]
        let connection = RedisConnection(url: url(of: node), options: options, fd: seed.fd)
        connection.tls = seed.tls
        seed.tls = nil
        seed.fd = -1
        node.connection = connection
    }

    /// Commands enqueued whose replies were not handed back yet.
    var pendingReplies: Int { entries.count - head }

    /// Bytes enqueued and not yet sent, over every node.
    var bufferedOutputBytes: Int {
        nodes.reduce(0) { $0 + $1.unsentBytes + ($1.connection?.bufferedOutputBytes ?? 0) }
    }

    // MARK: - The map

    /// Takes `map` as the truth: every slot to its master.
    func install(_ map: ClusterSlotMap) {
        masters = []
        for index in owners.indices { owners[index] = -1 }
        for shard in map.shards {
            let node = nodeIndex(host: shard.master.host, port: shard.master.port)
            masters.append(node)
            for range in shard.slots {
                for slot in range { owners[slot] = Int32(node) }
            }
        }
    }

    /// The index of the node at `host:port`, added if new.
    func nodeIndex(host: String, port: Int) -> Int {
        let node = Node(host: host, port: port)
        if let known = nodeByAddress[node.address] { return known }
        nodes.append(node)
        nodeByAddress[node.address] = nodes.count - 1
        return nodes.count - 1
    }

    /// Where a command of `slot` goes: its master; without keys, where the last keyed command
    /// went (so that `UNWATCH` follows `WATCH`), else the default node.
    func route(slot: Int) -> Int {
        if slot >= 0, owners[slot] >= 0 { return Int(owners[slot]) }
        return lastKeyedNode ?? defaultNode
    }

    /// Commands without keys go to the first master.
    var defaultNode: Int { masters.first ?? 0 }

    /// A MOVED: `slot` lives on `host:port` from now on.
    func moved(slot: Int, to node: Int) {
        owners[slot] = Int32(node)
        if !masters.contains(node) { masters.append(node) }
    }

    // MARK: - Enqueueing

    /// Enqueues one encoded command (as `RESPCommandEncoder` writes it) for `route`.
    func enqueue(_ bytes: [UInt8], route: CommandRoute) {
        let slot = route.slot
        let sequence = firstSequence + entries.count
        compactEntries()
        entries.append(Entry(bytes: bytes, slot: slot, node: nil, inTransaction: inTransaction))
        if !inTransaction && route.transaction == .begin {
            inTransaction = true
            entries[entries.count - 1].inTransaction = true
            deferredMulti = sequence
            return
        }
        if inTransaction {
            let node = transactionNode ?? self.route(slot: slot)
            if slot >= 0 { lastKeyedNode = node }
            if transactionNode == nil {
                transactionNode = node
                if let multi = deferredMulti { send(multi, to: node) }
                deferredMulti = nil
            }
            send(sequence, to: node)
            if route.transaction == .end {
                inTransaction = false
                transactionNode = nil
            }
            return
        }
        let node = self.route(slot: slot)
        if slot >= 0 { lastKeyedNode = node }
        send(sequence, to: node)
    }

    /// The slot of a command's first key; `-1` without keys (or for a command the table does not
    /// know, which any node may run or redirect).
    static func slot(of arguments: [[UInt8]]) -> Int {
        guard let positions = try? CommandKeys.positions(in: arguments), let first = positions.first else {
            return -1
        }
        return ClusterSlot.of(arguments[first])
    }

    /// Hands entry `sequence` to `node`: written to its connection, or kept until it connects.
    func send(_ sequence: Int, to node: Int) {
        let index = sequence - firstSequence
        entries[index].node = node
        let target = nodes[node]
        if let connection = target.connection, connection.isUsable {
            connection.enqueueRaw(entries[index].bytes)
            target.queue.append(sequence)
        } else {
            target.unsent.append(sequence)
            target.unsentBytes += entries[index].bytes.count
        }
    }

    private func compactEntries() {
        if head > 1024 && head * 2 > entries.count {
            entries.removeFirst(head)
            firstSequence += head
            head = 0
        }
    }

    // MARK: - Sending

    /// Connects the nodes that have commands waiting and sends everything enqueued.
    func flush() throws(RedisError) {
        var index = 0
        while index < nodes.count {
            let node = nodes[index]
            do throws(RedisError) {
                if !node.unsent.isEmpty { try connectAndWriteUnsent(index) }
                if let connection = node.connection, connection.bufferedOutputBytes > 0 {
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

    /// Connects `node` if needed and moves its unsent commands into the connection.
    func connectAndWriteUnsent(_ index: Int) throws(RedisError) {
        let node = nodes[index]
        let connection = try connection(to: index)
        for sequence in node.unsent {
            connection.enqueueRaw(entries[sequence - firstSequence].bytes)
            node.queue.append(sequence)
        }
        node.unsent.removeAll()
        node.unsentBytes = 0
    }

    /// The connection to node `index`, made if there is none (or it broke).
    func connection(to index: Int) throws(RedisError) -> RedisConnection {
        let node = nodes[index]
        if let connection = node.connection, connection.isUsable { return connection }
        if node.awaiting > 0 {
            // Lost with replies in flight: the caller recovers them elsewhere.
            throw Self.broken(node)
        }
        node.connection = nil
        let connection = try RedisConnection(url: url(of: node), options: options)
        node.connection = connection
        return connection
    }
}
