/// One node of a cluster, as the slot map names it.
public struct ClusterNode: Hashable, Sendable, CustomStringConvertible {
    /// Where to connect: the node's preferred endpoint (an IP or a host name).
    public var host: String
    public var port: Int
    /// The node's 40-character id; `nil` when the server did not say (old `CLUSTER SLOTS`).
    public var id: String?

    public init(host: String, port: Int, id: String? = nil) {
        self.host = host
        self.port = port
        self.id = id
    }

    /// `host:port` (IPv6 hosts in brackets).
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// A master, its replicas and the slot ranges it serves.
public struct ClusterShard: Equatable, Sendable {
    public var master: ClusterNode
    public var replicas: [ClusterNode]
    /// Inclusive slot ranges, sorted, each within `0...16383`.
    public var slots: [ClosedRange<Int>]

    public init(master: ClusterNode, replicas: [ClusterNode], slots: [ClosedRange<Int>]) {
        self.master = master
        self.replicas = replicas
        self.slots = slots
    }
}

/// Which master (and replicas) serves each of the 16384 hash slots, as one node sees it.
///
/// Parsed from `CLUSTER SHARDS` (Redis 7) or `CLUSTER SLOTS` (older servers), strictly: a reply
/// of an unexpected shape, a slot out of range or a slot served twice is a decoding error (the
/// connection reports it as a protocol violation), never a trap. Slots no shard serves are
/// allowed (a cluster being set up or down): `master(forSlot:)` is `nil` for them.
public struct ClusterSlotMap: Equatable, Sendable {
    /// The shards that serve at least one slot, sorted by their first slot.
    public let shards: [ClusterShard]
    /// Slot → index in `shards`, or `unassigned`.
    private let owners: [UInt16]
    private static let unassigned = UInt16.max

    /// A map of `shards`; throws when a slot is out of range or served by two shards.
    public init(shards: [ClusterShard]) throws(RESPDecodingError) {
        var kept = shards.filter { !$0.slots.isEmpty }
        for index in kept.indices { kept[index].slots.sort { $0.lowerBound < $1.lowerBound } }
        kept.sort { $0.slots[0].lowerBound < $1.slots[0].lowerBound }
        var owners = [UInt16](repeating: Self.unassigned, count: ClusterSlot.count)
        for (index, shard) in kept.enumerated() {
            for range in shard.slots {
                guard range.lowerBound >= 0, range.upperBound < ClusterSlot.count else {
                    throw RESPDecodingError(
                        expected: "slots within 0...16383", got: .bulkString(Array("\(range)".utf8)))
                }
                for slot in range {
                    guard owners[slot] == Self.unassigned else {
                        throw RESPDecodingError(
                            expected: "each slot served once",
                            got: .bulkString(Array("slot \(slot) twice".utf8)))
                    }
                    owners[slot] = UInt16(index)
                }
            }
        }
        self.shards = kept
        self.owners = owners
    }

    /// The shard serving `slot`; `nil` when none does or `slot` is outside `0...16383`.
    public func shard(forSlot slot: Int) -> ClusterShard? {
        guard slot >= 0, slot < owners.count, owners[slot] != Self.unassigned else { return nil }
        return shards[Int(owners[slot])]
    }

    /// The master serving `slot`; `nil` when none does.
    public func master(forSlot slot: Int) -> ClusterNode? {
        shard(forSlot: slot)?.master
    }

    /// The master serving `key`'s slot.
    public func master(forKey key: some Collection<UInt8>) -> ClusterNode? {
        master(forSlot: ClusterSlot.of(key))
    }

    /// Every master that serves slots, in slot order.
    public var masters: [ClusterNode] { shards.map(\.master) }

    /// `true` when every slot is served.
    public var coversAllSlots: Bool { !owners.contains(Self.unassigned) }
}

extension ClusterSlotMap: CustomStringConvertible {
    /// One `master slots... (replicas)` entry per shard.
    public var description: String {
        let entries = shards.map { shard in
            let ranges = shard.slots.map { "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ",")
            return "\(shard.master) \(ranges) (\(shard.replicas.map(\.description).joined(separator: ",")))"
        }
        return "ClusterSlotMap[" + entries.joined(separator: "; ") + "]"
    }
}
