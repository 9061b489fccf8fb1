/// Where one command goes on a Redis Cluster, known before it is encoded: the hash slot of its
/// first key, and whether it opens or closes a transaction (which pins the commands between to
/// one node).
///
/// The caller knows the keys (a typed command carries them, a pipeline its one key), so the
/// router never reads them back out of the encoded bytes.
struct CommandRoute {
    /// `MULTI` opens a transaction; `EXEC` and `DISCARD` close it.
    enum TransactionMark { case none, begin, end }

    /// The hash slot of the first key; `-1` without keys (the router's default node, or where
    /// the last keyed command went).
    var slot: Int
    var transaction: TransactionMark

    init(slot: Int, transaction: TransactionMark = .none) {
        self.slot = slot
        self.transaction = transaction
    }

    /// A command named `name` on `key` (none: keyless).
    init(name: String, key: [UInt8]?) {
        self.init(slot: key.map { ClusterSlot.of($0) } ?? -1, transaction: Self.mark(name))
    }

    /// A command given whole: its keys found by `CommandKeys` (a command the table does not know
    /// goes as keyless; the node it reaches runs it or redirects it).
    init(arguments: [[UInt8]]) {
        let name = arguments.first.map { CommandKeys.uppercased($0) } ?? ""
        self.init(slot: ClusterRouter.slot(of: arguments), transaction: Self.mark(name))
    }

    private static func mark(_ name: String) -> TransactionMark {
        switch name {
        case "MULTI": .begin
        case "EXEC", "DISCARD": .end
        default: .none
        }
    }
}
