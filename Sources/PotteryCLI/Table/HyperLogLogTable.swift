/// `pottery hll ...`: pottery's `HyperLogLog` (SPEC §5, §8.3).
enum HyperLogLogTable {
    static let key = CommonArguments.key
    static let destination = Argument.key("DEST", "the HyperLogLog that receives the union")
    static let sources = Argument.keys("SRC", "HyperLogLogs to merge")

    /// The word that names the group on a command line.
    static let name = "hll"

    static let group = GroupSpec(
        name, "a HyperLogLog", pythonClass: "HyperLogLog",
        verbs: [
            VerbSpec(
                "add", "insert values", arguments: [key, CommonArguments.valuesOrStdin], traits: .writes,
                prints: "nothing; with -j, invalid input anywhere writes nothing (status 2)",
                handler: HyperLogLogHandlers.add),
            VerbSpec(
                "count", "the approximate number of distinct values (PFCOUNT)", arguments: [key],
                prints: "an integer", handler: HyperLogLogHandlers.count),
            VerbSpec(
                "contains", "pottery's membership test", arguments: [key, CommonArguments.value],
                prints: "true or false; status 0 or 1", notes: membershipNote,
                handler: HyperLogLogHandlers.contains),
            VerbSpec(
                "contains-many", "pottery's membership test for each value, in order",
                arguments: [key, CommonArguments.valuesOrStdin], prints: "NDJSON true/false",
                notes: membershipNote, handler: HyperLogLogHandlers.containsMany),
            VerbSpec(
                "merge", "merge SRC... into DEST (PFMERGE): the union", arguments: [destination, sources],
                traits: .writes, notes: ClusterNotes.merge, handler: HyperLogLogHandlers.merge),
            VerbSpec(
                "union", "the same as merge, by pottery's name (HyperLogLog.union)",
                arguments: [destination, sources], traits: .writes, notes: ClusterNotes.merge,
                handler: HyperLogLogHandlers.merge),
            VerbSpec(
                "clear", "delete the key", arguments: [key], traits: .writes,
                handler: HyperLogLogHandlers.clear),
        ])

    static let membershipNote = """
        True when adding the value to a copy of KEY would change no register: may be true for a value \
        never added, never false for one that was. The copy is a random scratch key in KEY's cluster \
        slot, made and deleted inside one script.
        """
}
