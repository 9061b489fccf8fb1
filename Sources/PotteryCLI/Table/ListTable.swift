/// `pottery list ...`: pottery's `RedisList` (SPEC §5), with Python's indices and slices.
enum ListTable {
    static let key = CommonArguments.key
    static let subscript_ = Argument.indexOrSlice(
        "INDEX|SLICE", "a Python index (-1 is the last) or slice (1:3, ::2, -3:, ::-1)")
    static let index = Argument.index("INDEX", "a Python index (-1 is the last)")
    static let optionalIndex = Argument.optionalIndex("INDEX", "a Python index (-1 is the last; default -1)")
    static let start = Argument.optionalInteger("START", "search from this index (Python's, default 0)")
    static let stop = Argument.optionalInteger("STOP", "search before this index (default the end)")
    static let reverse = VerbOption.flag("reverse", "sort in descending order (Python's reverse=True)")

    /// The word that names the group on a command line.
    static let name = "list"

    static let group = GroupSpec(
        name, "a Python list in a Redis list", pythonClass: "RedisList",
        verbs: [
            VerbSpec(
                "append", "append values on the right (RPUSH)",
                arguments: [key, CommonArguments.valuesOrStdin],
                traits: .writes, prints: "nothing; with -j, invalid input anywhere writes nothing (status 2)",
                notes: bulkNote, handler: ListHandlers.append),
            VerbSpec(
                "extend", "the same as append (Python's extend)",
                arguments: [key, CommonArguments.valuesOrStdin],
                traits: .writes, prints: "nothing; with -j, invalid input anywhere writes nothing (status 2)",
                notes: bulkNote, handler: ListHandlers.append),
            VerbSpec(
                "insert", "insert a value before INDEX", arguments: [key, index, CommonArguments.value],
                traits: .writes, prints: "nothing",
                notes:
                    "As Python's list.insert: an index past either end inserts at that end. Atomic (one Lua script).",
                handler: ListHandlers.insert),
            VerbSpec(
                "get", "the item at an index, or the items of a slice", arguments: [key, subscript_],
                prints: "the value, or NDJSON for a slice; status 1 if the index is out of range",
                notes:
                    "A slice selects what Python's does and is never out of range; it is read in LRANGE windows.",
                handler: ListHandlers.get),
            VerbSpec(
                "set", "replace the item at an index, or the items of a slice",
                arguments: [key, subscript_, CommonArguments.valuesOrStdin], traits: .writes,
                prints: "nothing; status 1 if the index is out of range (nothing written)",
                notes: """
                    An index takes one V. A slice takes any number (- reads NDJSON from standard input), with \
                    Python's rules: a slice of step 1 is replaced by them, growing or shrinking the list (1:3, \
                    :0 inserts at the front, 5: replaces the tail); an extended slice (::2, ::-1) takes exactly \
                    as many values as it selects, else status 2 and nothing written.
                    """ + " " + atomicNote,
                handler: ListHandlers.set),
            VerbSpec(
                "del", "delete the item at an index, or the items of a slice", arguments: [key, subscript_],
                traits: .writes, prints: "nothing; status 1 if the index is out of range",
                notes: atomicNote, handler: ListHandlers.del),
            VerbSpec(
                "pop", "remove and print the item at an index (the last by default)",
                arguments: [key, optionalIndex], traits: .writes,
                prints: "the value; status 1 if the list is empty or the index out of range",
                notes: atomicNote, handler: ListHandlers.pop),
            VerbSpec(
                "remove", "remove the first item equal to a value", arguments: [key, CommonArguments.value],
                traits: .writes, prints: "nothing; status 1 if no item is equal",
                notes: """
                    Equal as Python compares the decoded values (1, 1.0 and true are equal). Atomic: one LREM \
                    for a value without numbers or booleans, else a search under WATCH and MULTI/EXEC.
                    """,
                handler: ListHandlers.remove),
            VerbSpec(
                "index", "the index of the first item equal to a value",
                arguments: [key, CommonArguments.value, start, stop],
                prints: "an integer; status 1 if no item is equal", notes: searchNote,
                handler: ListHandlers.index),
            VerbSpec(
                "count", "how many items are equal to a value", arguments: [key, CommonArguments.value],
                prints: "an integer", notes: searchNote, handler: ListHandlers.count),
            VerbSpec(
                "has", "whether an item is equal to a value (Python's in)",
                arguments: [key, CommonArguments.value],
                prints: "true or false; status 0 or 1", notes: searchNote, handler: ListHandlers.has),
            VerbSpec(
                "reverse", "reverse the list in place", arguments: [key], traits: .writes,
                notes:
                    "Atomic: one Lua script, which holds the list in the server's memory while it rewrites it; "
                    + "the time to live is kept.",
                handler: ListHandlers.reverse),
            VerbSpec(
                "len", "how many items", arguments: [key], prints: "an integer", handler: ListHandlers.len),
            VerbSpec(
                "items", "stream every item, left to right", arguments: [key], prints: "NDJSON",
                notes: "Read in LRANGE windows: bounded memory however long the list.",
                handler: ListHandlers.items),
            VerbSpec(
                "sort", "sort in place as Python sorts the decoded values", arguments: [key],
                options: [reverse],
                traits: .writes,
                prints: "nothing; status 2 if Python could not sort the items (nothing changed)",
                notes: """
                    Stable; numbers by value across ints and floats, strings by code point, lists \
                    lexicographically; mixed kinds (a string and a number), dicts or nulls that Python cannot \
                    order leave the list unchanged. Atomic: read under WATCH, sorted by pottery, written back in \
                    MULTI/EXEC (retried if the list changed). Loads the list: at most 1,000,000 items (about \
                    140 MB for a million short ones). Drops the key's TTL, as pottery's SORT ... STORE does.
                    Items of different kinds always refuse, as in Python; for lists that mix kinds only deep \
                    inside their items, whether Python refuses depends on which pairs its sort compares, and \
                    pottery's may compare others.
                    """,
                handler: ListHandlers.sort),
            VerbSpec(
                "clear", "delete the key", arguments: [key], traits: .writes, handler: ListHandlers.clear),
        ])

    static let bulkNote = """
        Values given as arguments go in one RPUSH; - streams standard input in pipelined RPUSH batches \
        (inside MULTI/EXEC with -j, so that invalid input anywhere writes nothing).
        """

    static let atomicNote = """
        Python's list semantics (negative indices count from the end); atomic: one Lua script, so \
        concurrent writers, pottery's included, never corrupt the list.
        """

    static let searchNote = """
        Equal as Python compares the decoded values (1, 1.0 and true are equal); read in LRANGE windows, \
        in bounded memory.
        """
}
