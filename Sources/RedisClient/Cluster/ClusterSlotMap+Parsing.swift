/// `CLUSTER SHARDS` and `CLUSTER SLOTS` replies into a `ClusterSlotMap`.
extension ClusterSlotMap {
    /// Parses a `CLUSTER SHARDS` reply (RESP2: each shard and node a flat list of field names and
    /// values). The master of a shard is its node with role `master` (an online one first);
    /// replicas are its nodes with role `replica` that are not `failed` (as `CLUSTER SLOTS`
    /// lists them: a replica still loading is included). An endpoint of `?` or empty (unknown to the server)
    /// becomes `defaultHost`, the host the reply came from.
    public init(
        shardsReply reply: RESPValue, defaultHost: String, preferTLSPort: Bool = false
    ) throws(RESPDecodingError) {
        var shards: [ClusterShard] = []
        for shardValue in try Self.array(reply, "an array of shards") {
            let fields = try Self.fields(shardValue, "a shard")
            guard let slotsValue = fields["slots"], let nodesValue = fields["nodes"] else {
                throw RESPDecodingError(expected: "a shard with slots and nodes", got: shardValue)
            }
            let bounds = try Self.array(slotsValue, "a list of slot bounds").map {
                (value) throws(RESPDecodingError) in try Self.slotNumber(value)
            }
            guard bounds.count.isMultiple(of: 2) else {
                throw RESPDecodingError(expected: "an even number of slot bounds", got: slotsValue)
            }
            var slots: [ClosedRange<Int>] = []
            for index in stride(from: 0, to: bounds.count, by: 2) {
                slots.append(try Self.range(bounds[index], bounds[index + 1]))
            }
            var masters: [(node: ClusterNode, online: Bool)] = []
            var replicas: [ClusterNode] = []
            for nodeValue in try Self.array(nodesValue, "a list of nodes") {
                let node = try Self.fields(nodeValue, "a node")
                guard let role = node["role"]?.string,
                    let portValue = (preferTLSPort ? node["tls-port"] : nil) ?? node["port"]
                        ?? node["tls-port"]
                else {
                    throw RESPDecodingError(expected: "a node with a role and a port", got: nodeValue)
                }
                var host = node["endpoint"]?.string ?? ""
                if host.isEmpty || host == "?" { host = node["ip"]?.string ?? "" }
                if host.isEmpty || host == "?" { host = defaultHost }
                let entry = ClusterNode(
                    host: host, port: try Self.port(portValue), id: node["id"]?.string)
                let health = node["health"]?.string ?? "online"
                switch role {
                case "master": masters.append((entry, health == "online"))
                case "replica", "slave": if health != "failed" { replicas.append(entry) }
                default: throw RESPDecodingError(expected: "role master or replica", got: node["role"]!)
                }
            }
            guard let master = masters.first(where: \.online) ?? masters.first else {
                if slots.isEmpty { continue }
                throw RESPDecodingError(expected: "a shard with a master", got: shardValue)
            }
            shards.append(ClusterShard(master: master.node, replicas: replicas, slots: slots))
        }
        try self.init(shards: Self.merged(shards))
    }

    /// Parses a `CLUSTER SLOTS` reply: `[start, end, [host, port, id?, ...], replicas...]` per
    /// range. A host of `?` or empty becomes `defaultHost`.
    public init(slotsReply reply: RESPValue, defaultHost: String) throws(RESPDecodingError) {
        var shards: [ClusterShard] = []
        for rangeValue in try Self.array(reply, "an array of slot ranges") {
            let elements = try Self.array(rangeValue, "a slot range")
            guard elements.count >= 3 else {
                throw RESPDecodingError(expected: "a slot range with a master", got: rangeValue)
            }
            let range = try Self.range(Self.slotNumber(elements[0]), Self.slotNumber(elements[1]))
            var nodes: [ClusterNode] = []
            for nodeValue in elements.dropFirst(2) {
                let node = try Self.array(nodeValue, "a node")
                guard node.count >= 2, var host = node[0].string else {
                    throw RESPDecodingError(expected: "a node [host, port, ...]", got: nodeValue)
                }
                if host.isEmpty || host == "?" { host = defaultHost }
                let id = node.count >= 3 ? node[2].string : nil
                nodes.append(ClusterNode(host: host, port: try Self.port(node[1]), id: id))
            }
            shards.append(ClusterShard(master: nodes[0], replicas: Array(nodes.dropFirst()), slots: [range]))
        }
        try self.init(shards: Self.merged(shards))
    }

    /// Shards with the same master joined (SLOTS lists one entry per range).
    private static func merged(_ shards: [ClusterShard]) -> [ClusterShard] {
        var result: [ClusterShard] = []
        for shard in shards {
            if let index = result.firstIndex(where: { $0.master == shard.master }) {
                result[index].slots += shard.slots
                for replica in shard.replicas where !result[index].replicas.contains(replica) {
                    result[index].replicas.append(replica)
                }
            } else {
                result.append(shard)
            }
        }
        return result
    }

    private static func array(_ value: RESPValue, _ what: String) throws(RESPDecodingError) -> [RESPValue] {
        guard case .array(let elements?) = value else { throw RESPDecodingError(expected: what, got: value) }
        return elements
    }

    /// A flat `[name, value, name, value, ...]` list as a dictionary (the first of a repeated name).
    private static func fields(_ value: RESPValue, _ what: String) throws(RESPDecodingError) -> [String:
        RESPValue]
    {
        let elements = try array(value, what)
        guard elements.count.isMultiple(of: 2) else {
            throw RESPDecodingError(expected: what + " as name/value pairs", got: value)
        }
        var fields: [String: RESPValue] = [:]
        for index in stride(from: 0, to: elements.count, by: 2) {
            guard let name = elements[index].string else {
                throw RESPDecodingError(expected: what + " field name", got: elements[index])
            }
            if fields[name] == nil { fields[name] = elements[index + 1] }
        }
        return fields
    }

    private static func slotNumber(_ value: RESPValue) throws(RESPDecodingError) -> Int {
        guard case .integer(let number) = value, number >= 0, number < Int64(ClusterSlot.count) else {
            throw RESPDecodingError(expected: "a slot number within 0...16383", got: value)
        }
        return Int(number)
    }

    private static func range(_ start: Int, _ end: Int) throws(RESPDecodingError) -> ClosedRange<Int> {
        guard start <= end else {
            throw RESPDecodingError(expected: "a slot range start <= end", got: .integer(Int64(start)))
        }
        return start...end
    }

    private static func port(_ value: RESPValue) throws(RESPDecodingError) -> Int {
        guard case .integer(let number) = value, number > 0, number <= 65535 else {
            throw RESPDecodingError(expected: "a port within 1...65535", got: value)
        }
        return Int(number)
    }
}
