import PotteryCore
/// `pottery set ...`: pottery's `RedisSet` (SPEC §5).
enum SetTable {
    static let key = CommonArguments.key
    static let other = Argument.key("OTHER", "another set's key")
    static let others = Argument.keys("OTHER", "other sets' keys")

    static let group = GroupSpec(
        "set", "a Python set in a Redis set", pythonClass: "RedisSet",
        verbs: [
            VerbSpec(
                "add", "add members", arguments: [key, CommonArguments.valuesOrStdin], traits: .writes,
                prints: "nothing; with -j, invalid input anywhere writes nothing (status 2)",
                handler: SetHandlers.add),
            VerbSpec(
                "remove", "remove members", arguments: [key, CommonArguments.values], traits: .writes,
                prints: "nothing; status 1 if any was absent (the others are still removed)",
                handler: SetHandlers.remove),
            VerbSpec(
                "discard", "remove members if present", arguments: [key, CommonArguments.values],
                traits: .writes, handler: SetHandlers.discard),
            VerbSpec(
                "has", "membership", arguments: [key, CommonArguments.value],
                prints: "true or false; status 0 or 1", handler: SetHandlers.has),
            VerbSpec(
                "contains-many", "membership of each value, in order",
                arguments: [key, CommonArguments.valuesOrStdin], prints: "NDJSON true/false",
                handler: SetHandlers.containsMany),
            VerbSpec(
                "len", "how many members", arguments: [key], prints: "an integer", handler: SetHandlers.len),
            VerbSpec(
                "members", "stream the members (SSCAN)", arguments: [key], prints: "NDJSON, in Redis's order",
                handler: SetHandlers.members),
            VerbSpec(
                "pop", "remove and print one member", arguments: [key], traits: .writes,
                prints: "the value; status 1 if the set is empty", handler: SetHandlers.pop),
            VerbSpec(
                "union", "members of any of the sets", arguments: [key, others], prints: "NDJSON, streamed",
                notes: algebraNote + " " + ClusterNotes.setAlgebra, handler: SetHandlers.algebra(.union)),
            VerbSpec(
                "intersection", "members of all the sets", arguments: [key, others],
                prints: "NDJSON, streamed", notes: algebraNote + " " + ClusterNotes.setAlgebra,
                handler: SetHandlers.algebra(.intersection)),
            VerbSpec(
                "difference", "members of KEY in none of the others", arguments: [key, others],
                prints: "NDJSON, streamed", notes: algebraNote + " " + ClusterNotes.setAlgebra,
                handler: SetHandlers.algebra(.difference)),
            VerbSpec(
                "isdisjoint", "whether the sets share no member", arguments: [key, other],
                prints: "true or false; status 0 or 1", notes: ClusterNotes.setRelation,
                handler: SetHandlers.isDisjoint),
            VerbSpec(
                "issubset", "whether every member of KEY is in OTHER", arguments: [key, other],
                prints: "true or false; status 0 or 1", notes: ClusterNotes.setRelation,
                handler: SetHandlers.isSubset),
            VerbSpec(
                "issuperset", "whether every member of OTHER is in KEY", arguments: [key, other],
                prints: "true or false; status 0 or 1", notes: ClusterNotes.setRelation,
                handler: SetHandlers.isSuperset),
            VerbSpec(
                "clear", "delete the key", arguments: [key], traits: .writes, handler: SetHandlers.clear),
        ])

    static let algebraNote = """
        Streams in bounded memory and writes no result key; like SSCAN, it describes sets that do not \
        change while it runs. Every key must be a set or absent (WRONGTYPE otherwise).
        """
}
