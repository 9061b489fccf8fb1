// Redis Cluster: the slot map and redirections.

/// `CLUSTER SHARDS` (Redis 7): every shard with its slot ranges and nodes.
public struct CLUSTER_SHARDS: KeylessCommand {
    public typealias Response = RESPValue
    public static let name = "CLUSTER"
    public static let subcommand: String? = "SHARDS"
    public init() {}
    public var requires: RedisServerVersion? { RedisServerVersion(7, 0) }
    public var arguments: [[UInt8]] { Self.nameArguments }
}

/// `CLUSTER SLOTS`: the slot ranges with their master and replicas (what Redis 6 has).
public struct CLUSTER_SLOTS: KeylessCommand {
    public typealias Response = RESPValue
    public static let name = "CLUSTER"
    public static let subcommand: String? = "SLOTS"
    public init() {}
    public var arguments: [[UInt8]] { Self.nameArguments }
}

/// `ASKING`: `OK`; lets the next command run on a node importing its slot (after `-ASK`).
public struct ASKING: KeylessCommand {
    public typealias Response = RESPOK
    public static let name = "ASKING"
    public init() {}
    public var arguments: [[UInt8]] { [Self.nameArgument] }
}
