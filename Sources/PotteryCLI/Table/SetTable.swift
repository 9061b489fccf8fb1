import PotteryCore
/// `pottery set ...`: pottery's `RedisSet` (SPEC §5).
enum SetTable {
    static let key = CommonArguments.key
    static let others = Argument.keys(
        "OTHER", "other sets' keys; with --values, values instead (- for NDJSON on standard input)")
    static let values = VerbOption.flag(
        "values", "OTHER... are values in the value mode, or - for NDJSON on standard input, not keys")
    static let into = BytesOption(
        "into", value: "DEST", "store the result in DEST, replacing it; print its size")
    static let operands: [any OptionDeclaration] = [values]
    static let results: [any OptionDeclaration] = [values, into]

    /// The word that names the group on a command line.
    static let name = "set"

    static let group = GroupSpec(
        name, "a Python set in a Redis set", pythonClass: "RedisSet",
        verbs: [
            VerbSpec(
                "add", "add members", arguments: [key, CommonArguments.valuesOrStdin], traits: .writes,
                prints: "nothing; with -j, invalid input anywhere writes nothing (status 2)",
                handler: SetHandlers.add),
            VerbSpec(
                "remove", "remove members", arguments: [key, CommonArguments.valuesOrStdin], traits: .writes,
                prints:
                    "nothing; status 1 if any was absent (the others are still removed; from standard input a "
                    + "value given twice is absent the second time, as with Python's set.remove)",
                handler: SetHandlers.remove),
            VerbSpec(
                "discard", "remove members if present", arguments: [key, CommonArguments.valuesOrStdin],
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
                "union", "members of any of the sets", arguments: [key, others], options: results,
                prints: resultOutput, notes: algebraNote + " " + ClusterNotes.setAlgebra,
                handler: SetHandlers.algebra(.union)),
            VerbSpec(
                "intersection", "members of all the sets", arguments: [key, others], options: results,
                prints: resultOutput, notes: algebraNote + " " + ClusterNotes.setAlgebra,
                handler: SetHandlers.algebra(.intersection)),
            VerbSpec(
                "difference", "members of KEY in none of the others", arguments: [key, others],
                options: results, prints: resultOutput, notes: algebraNote + " " + ClusterNotes.setAlgebra,
                handler: SetHandlers.algebra(.difference)),
            VerbSpec(
                "symmetric-difference", "members of exactly one of KEY and OTHER", arguments: [key, others],
                options: results, prints: resultOutput,
                notes: "One OTHER set (or --values). " + algebraNote + " " + ClusterNotes.setAlgebra,
                handler: SetHandlers.algebra(.symmetricDifference)),
            VerbSpec(
                "update", "add the members of the other sets to KEY", arguments: [key, others],
                options: operands, traits: .writes, notes: inPlaceNote, handler: SetHandlers.inPlace(.union)),
            VerbSpec(
                "intersection-update", "keep the members of KEY that every other set has",
                arguments: [key, others], options: operands, traits: .writes, notes: inPlaceNote,
                handler: SetHandlers.inPlace(.intersection)),
            VerbSpec(
                "difference-update", "remove from KEY the members of the other sets",
                arguments: [key, others],
                options: operands, traits: .writes, notes: inPlaceNote,
                handler: SetHandlers.inPlace(.difference)),
            VerbSpec(
                "symmetric-difference-update", "keep the members of exactly one of KEY and OTHER",
                arguments: [key, others], options: operands, traits: .writes,
                notes: "One OTHER set (or --values). " + inPlaceNote,
                handler: SetHandlers.inPlace(.symmetricDifference)),
            VerbSpec(
                "isdisjoint", "whether the sets share no member", arguments: [key, others], options: operands,
                prints: "true or false; status 0 or 1", notes: relationNote, handler: SetHandlers.isDisjoint),
            VerbSpec(
                "issubset", "whether every member of KEY is in OTHER", arguments: [key, others],
                options: operands, prints: "true or false; status 0 or 1", notes: relationNote,
                handler: SetHandlers.isSubset),
            VerbSpec(
                "issuperset", "whether every member of OTHER is in KEY", arguments: [key, others],
                options: operands, prints: "true or false; status 0 or 1", notes: relationNote,
                handler: SetHandlers.isSuperset),
            VerbSpec(
                "clear", "delete the key", arguments: [key], traits: .writes, handler: SetHandlers.clear),
        ])

    static let resultOutput = "NDJSON, streamed; with --into, the size of DEST"

    static let algebraNote = """
        Streams in bounded memory and writes no result key; like SSCAN, it describes sets that do not \
        change while it runs. With --into DEST the result replaces DEST instead (deleted when empty), in \
        one command (SUNIONSTORE, SINTERSTORE, SDIFFSTORE, a script) on one server or when every key \
        shares a cluster slot. Every key must be a set or absent (WRONGTYPE otherwise).
        """ + " " + valuesNote

    static let valuesNote = """
        With --values the words after KEY are values, not keys (Python's a - {'x', 'y'}): they are \
        loaded into a temporary set in KEY's cluster slot, deleted afterwards.
        """

    static let inPlaceNote = """
        As Python's method of that name: prints nothing. Atomic on one server or when every key shares a \
        cluster slot (one command); across slots the result is built in a scratch key that then replaces \
        KEY at once. Every key must be a set or absent (WRONGTYPE otherwise).
        """ + " " + valuesNote

    static let relationNote = "One OTHER set (or --values). " + ClusterNotes.setRelation + " " + valuesNote
}
