import PotterySystem

/// Where every command of a cluster connection goes and which reply is whose: the slot table,
/// each node's outbox and queue of replies awaited, redirections and transaction pinning.
///
/// No sockets and no clock: `ClusterRouter` drives it, writing each node's outbox to that node's
/// connection (`drainOutbox`) and handing back every reply read from a node (`accept`). What
/// needs I/O or time (connecting, a pause before a `TRYAGAIN`, reloading the map after a node
/// was lost) the router does between calls; the tests drive it with scripted replies.
struct ClusterRoutingState {
    /// One master (or a node a redirection named): its address, the commands waiting to be
    /// written to it, and those written whose replies are awaited, oldest first.
    struct Node {
        let host: String
        let port: Int
        /// Sequence numbers awaiting replies, from `queueHead`; `ClusterRoutingState.asking` for
        /// the reply of an ASKING.
        var queue: [Int] = []
        var queueHead = 0
        /// Sequence numbers routed here and not written yet (`asking` for an ASKING).
        var outbox: [Int] = []
        var outboxBytes = 0

        /// `host:port` (IPv6 hosts in brackets), as the slot map names nodes.
        var address: String { ClusterNode(host: host, port: port).description }
        var awaiting: Int { queue.count - queueHead }

        mutating func popQueue() -> Int {
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
        /// Redirections since it was last sent afresh (a TRYAGAIN retry starts the count again).
        var redirects = 0
        /// TRYAGAIN/CLUSTERDOWN retries so far.
        var retries = 0
        /// Until when TRYAGAIN/CLUSTERDOWN are retried (from the first of them, one timeout).
        var retryUntil: Deadline?
        /// Between MULTI and EXEC/DISCARD: follows no redirection.
        var inTransaction: Bool
    }

    /// What became of a reply handed to `accept`.
    enum Outcome: Equatable {
        /// Stored as its command's reply (or it acknowledged an ASKING).
        case stored
        /// A MOVED or ASK: the command is in another node's outbox.
        case redirected
        /// A TRYAGAIN or CLUSTERDOWN for `sequence`: the router decides, by its deadline, whether
        /// to `retry` it (after a pause) or `giveUp` and hand the error back.
        case retryLater(sequence: Int)
    }

    /// The queue marker of an ASKING, whose `OK` is nobody's reply.
    static let asking = -1
    /// At most this many redirections per command (a loop between confused nodes ends).
    static let maxRedirects = 16
    static let askingBytes: [UInt8] = {
        var encoder = RESPCommandEncoder(reservingCapacity: 32)
        ASKING().encode(into: &encoder)
        return encoder.buffer
    }()

    private(set) var nodes: [Node] = []
    private var nodeByAddress: [String: Int] = [:]
    /// Slot → index in `nodes` of its master; `-1` for a slot no master serves.
    private var owners = [Int32](repeating: -1, count: ClusterSlot.count)
    /// Indexes of the masters in the last map installed, in slot order.
    private(set) var masters: [Int] = []

    private var entries: [Entry] = []
    /// Entries before `head` were handed back.
    private var head = 0
    /// The sequence number of `entries[0]`.
    private var firstSequence = 0

    /// Where the last command with keys went.
    private(set) var lastKeyedNode: Int?
    private var inTransaction = false
    private var transactionNode: Int?
    private var deferredMulti: Int?

    init(map: ClusterSlotMap) { install(map) }

    // MARK: - The map

    /// Takes `map` as the truth: every slot to its master.
    mutating func install(_ map: ClusterSlotMap) {
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
    mutating func nodeIndex(host: String, port: Int) -> Int {
        let node = Node(host: host, port: port)
        if let known = nodeByAddress[node.address] { return known }
        nodes.append(node)
        nodeByAddress[node.address] = nodes.count - 1
        return nodes.count - 1
    }

    /// The index of the node at `address` (`host:port`), if known.
    func nodeIndex(address: String) -> Int? { nodeByAddress[address] }

    /// Where a command of `slot` goes: its master; without keys, where the last keyed command
    /// went (so that `UNWATCH` follows `WATCH`), else the default node.
    func route(slot: Int) -> Int {
        if slot >= 0, owners[slot] >= 0 { return Int(owners[slot]) }
        return lastKeyedNode ?? defaultNode
    }

    /// Commands without keys go to the first master.
    var defaultNode: Int { masters.first ?? 0 }

    /// A MOVED: `slot` lives on `node` from now on.
    mutating func moved(slot: Int, to node: Int) {
        owners[slot] = Int32(node)
        if !masters.contains(node) { masters.append(node) }
    }

    // MARK: - Commands

    /// Commands enqueued whose replies were not handed back yet.
    var pendingReplies: Int { entries.count - head }

    /// Bytes routed and not yet written, over every node.
    var outboxBytes: Int { nodes.reduce(0) { $0 + $1.outboxBytes } }

    /// Enqueues one encoded command for `route`: into the outbox of its node (a MULTI waits for
    /// the first command after it, whose node the whole transaction then goes to).
    mutating func enqueue(_ bytes: [UInt8], route: CommandRoute) {
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

    /// Puts entry `sequence` in `node`'s outbox.
    private mutating func send(_ sequence: Int, to node: Int) {
        let index = sequence - firstSequence
        entries[index].node = node
        nodes[node].outbox.append(sequence)
        nodes[node].outboxBytes += entries[index].bytes.count
    }

    /// Hands every command in `node`'s outbox, in order, to `write` (the node's connection), and
    /// awaits their replies there.
    mutating func drainOutbox(of node: Int, into write: ([UInt8]) -> Void) {
        for sequence in nodes[node].outbox {
            write(sequence == Self.asking ? Self.askingBytes : entries[sequence - firstSequence].bytes)
            nodes[node].queue.append(sequence)
        }
        nodes[node].outbox.removeAll()
        nodes[node].outboxBytes = 0
    }

    private mutating func compactEntries() {
        if head > 1024 && head * 2 > entries.count {
            entries.removeFirst(head)
            firstSequence += head
            head = 0
        }
    }

    // MARK: - Replies

    /// The node the oldest command awaits its reply from, once routed; a MULTI that no command
    /// followed yet is routed to the default node first.
    mutating func headNode() -> Int? {
        guard head < entries.count else { return nil }
        if entries[head].node == nil, let multi = deferredMulti {
            let node = transactionNode ?? defaultNode
            transactionNode = node
            deferredMulti = nil
            send(multi, to: node)
        }
        return entries[head].node
    }

    /// The node the oldest command awaits its reply from, if it was routed.
    var routedHeadNode: Int? { head < entries.count ? entries[head].node : nil }

    /// Whether the oldest command has its reply.
    var headIsAnswered: Bool { head < entries.count && entries[head].reply != nil }

    /// The oldest command's reply (`headIsAnswered` must be true), handed back.
    mutating func popHead() -> RESPValue {
        let reply = entries[head].reply!
        entries[head].reply = nil
        entries[head].bytes = []
        head += 1
        if head == entries.count {
            entries.removeAll(keepingCapacity: entries.count < 4096)
            firstSequence += head
            head = 0
        }
        return reply
    }

    /// Matches `reply` with the oldest command awaiting it on node `index`: stores it, or follows
    /// a MOVED or ASK (within `maxRedirects`; the map learns a MOVED), or asks the router about a
    /// TRYAGAIN/CLUSTERDOWN. Redirections inside a transaction are not followed. A reply that
    /// no command awaits is a protocol violation.
    mutating func accept(_ reply: RESPValue, from index: Int) throws(RedisError) -> Outcome {
        guard nodes[index].awaiting > 0 else {
            throw RedisError(
                kind: .protocolViolation, message: "a reply nobody asked for", server: nodes[index].address)
        }
        let sequence = nodes[index].popQueue()
        if sequence == Self.asking { return .stored }
        let position = sequence - firstSequence
        guard case .error(let bytes) = reply, !entries[position].inTransaction,
            let redirect = ClusterRedirect(errorReply: bytes, defaultHost: nodes[index].host)
        else {
            entries[position].reply = reply
            return .stored
        }
        switch redirect {
        case .moved, .ask:
            guard entries[position].redirects < Self.maxRedirects else {
                entries[position].reply = reply
                return .stored
            }
            entries[position].redirects += 1
            if case .moved(let slot, let host, let port) = redirect {
                let target = nodeIndex(host: host, port: port)
                moved(slot: slot, to: target)
                send(sequence, to: target)
            } else if case .ask(_, let host, let port) = redirect {
                // ASKING must precede the command on the same connection.
                let target = nodeIndex(host: host, port: port)
                nodes[target].outbox.append(Self.asking)
                nodes[target].outboxBytes += Self.askingBytes.count
                send(sequence, to: target)
            }
            return .redirected
        case .retryLater:
            entries[position].reply = reply
            return .retryLater(sequence: sequence)
        }
    }

    /// The deadline of `sequence`'s TRYAGAIN/CLUSTERDOWN retries: the first one's `start`.
    mutating func retryDeadline(of sequence: Int, startingAt start: @autoclosure () -> Deadline) -> Deadline {
        let position = sequence - firstSequence
        let deadline = entries[position].retryUntil ?? start()
        entries[position].retryUntil = deadline
        return deadline
    }

    /// Takes back `sequence`'s TRYAGAIN/CLUSTERDOWN reply, to `resend` it after a pause (and maybe
    /// a new map); returns how many times it was retried so far. A retry is progress, bounded by the
    /// deadline, so the redirections count again from none: during a migration Redis 6.2 sends a
    /// multi-key command's ASK, and the importing node its TRYAGAIN, round after round.
    mutating func prepareRetry(_ sequence: Int) -> Int {
        let position = sequence - firstSequence
        entries[position].reply = nil
        entries[position].redirects = 0
        entries[position].retries += 1
        return entries[position].retries
    }

    // MARK: - Lost nodes

    /// Node `index` was lost: everything awaited or unsent there is returned (oldest first) for
    /// `resend` once its slots have a master again; the node's queues are emptied. `nil` when one
    /// of them is in a transaction, which cannot move.
    mutating func lose(node index: Int) -> [Int]? {
        var orphans = nodes[index].queue[nodes[index].queueHead...].filter { $0 != Self.asking }
        orphans += nodes[index].outbox.filter { $0 != Self.asking }
        orphans.sort()
        nodes[index].queue.removeAll()
        nodes[index].queueHead = 0
        nodes[index].outbox.removeAll()
        nodes[index].outboxBytes = 0
        if orphans.contains(where: { entries[$0 - firstSequence].inTransaction }) { return nil }
        if lastKeyedNode == index { lastKeyedNode = nil }
        return orphans
    }

    /// Whether node `index` still serves one of `orphans` (or the keyless commands).
    func isNeeded(_ index: Int, by orphans: [Int]) -> Bool {
        route(slot: -1) == index
            || orphans.contains { route(slot: entries[$0 - firstSequence].slot) == index }
    }

    /// Sends commands again (those of a lost node, a retry) to their slots' masters.
    mutating func resend(_ orphans: [Int]) {
        for sequence in orphans { send(sequence, to: route(slot: entries[sequence - firstSequence].slot)) }
    }
}
