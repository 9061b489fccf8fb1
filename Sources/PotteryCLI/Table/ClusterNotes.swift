/// What `--help` and the man page say about verbs whose work on a Redis Cluster spans hash slots
/// and so cannot be atomic there (README, "Redis Cluster"). One text per kind, shared by the verbs
/// that need the same words.
enum ClusterNotes {
    /// `del K...`.
    static let rawCommand = """
        On a Redis Cluster the command goes to the master of its first key's slot (a redirection is \
        followed); a command without keys goes to one master.
        """

    static let delete = """
        On a Redis Cluster, keys in several hash slots are deleted with one DEL per slot: each DEL is \
        atomic, the whole is not.
        """

    /// `set union/intersection/difference`.
    static let setAlgebra = """
        On a Redis Cluster, the sets may sit in any slots: each is streamed from the node of its own \
        slot (not one atomic look, as on one server).
        """

    /// `set isdisjoint/issubset/issuperset`.
    static let setRelation = """
        On a Redis Cluster, two sets in different slots are compared by streaming one (SSCAN) and \
        asking the other's node (SMISMEMBER): not atomic. In one slot ({hash tags}), atomic as on one \
        server.
        """

    /// `hll merge`.
    static let merge = """
        On a Redis Cluster, sources in other slots than DEST's are first copied into scratch keys in \
        DEST's slot (expiring within a minute), then merged and deleted: not atomic across slots. In \
        one slot ({hash tags}), one PFMERGE.
        """

    /// `keys`.
    static let everyMaster = """
        On a Redis Cluster, every master is scanned in turn; like SCAN, keys added or moved meanwhile \
        may be missed or listed twice.
        """
}
