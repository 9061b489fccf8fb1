/// `pottery deque ...`: pottery's `RedisDeque` (SPEC §5).
enum DequeTable {
    static let key = CommonArguments.key
    static let index = Argument.index("INDEX", "a Python index (-1 is the last)")
    static let steps = Argument.optionalInteger("N", "steps to the right; negative rotates left (default 1)")
    static let maxlen = VerbOption.integer(
        "maxlen", in: 0...Int.max, "keep at most N items, trimming the other end as collections.deque does")

    /// The word that names the group on a command line.
    static let name = "deque"

    static let group = GroupSpec(
        name, "a collections.deque in a Redis list", pythonClass: "RedisDeque",
        verbs: [
            VerbSpec(
                "append", "append values on the right", arguments: [key, CommonArguments.valuesOrStdin],
                options: [maxlen], traits: .writes, prints: "nothing", notes: trimNote("left"),
                handler: DequeHandlers.push(left: false)),
            VerbSpec(
                "appendleft", "prepend values on the left, one after another",
                arguments: [key, CommonArguments.valuesOrStdin], options: [maxlen], traits: .writes,
                prints: "nothing", notes: trimNote("right"), handler: DequeHandlers.push(left: true)),
            VerbSpec(
                "extend", "the same as append", arguments: [key, CommonArguments.valuesOrStdin],
                options: [maxlen], traits: .writes, prints: "nothing", notes: trimNote("left"),
                handler: DequeHandlers.push(left: false)),
            VerbSpec(
                "extendleft", "prepend values one after another, so they end up reversed",
                arguments: [key, CommonArguments.valuesOrStdin], options: [maxlen], traits: .writes,
                prints: "nothing", notes: trimNote("right"), handler: DequeHandlers.push(left: true)),
            VerbSpec(
                "pop", "remove and print the rightmost item", arguments: [key], traits: .writes,
                prints: "the value; status 1 if the deque is empty", handler: DequeHandlers.pop),
            VerbSpec(
                "popleft", "remove and print the leftmost item", arguments: [key], traits: .writes,
                prints: "the value; status 1 if the deque is empty", handler: DequeHandlers.popLeft),
            VerbSpec(
                "rotate", "rotate N steps to the right (left when negative)", arguments: [key, steps],
                traits: .writes, prints: "nothing",
                notes: "As collections.deque.rotate; atomic (one Lua script moving at most half the items).",
                handler: DequeHandlers.rotate),
            VerbSpec(
                "get", "the item at an index, or the items of a slice",
                arguments: [key, ListTable.subscript_],
                prints: "the value, or NDJSON for a slice; status 1 if the index is out of range",
                notes: "collections.deque has no slices; pottery reads them as a list's.",
                handler: ListHandlers.get),
            VerbSpec(
                "insert", "insert a value before INDEX", arguments: [key, index, CommonArguments.value],
                options: [maxlen], traits: .writes, prints: "nothing",
                notes: """
                    As collections.deque.insert: an index past either end inserts at that end, and a deque \
                    already holding --maxlen items refuses (status 2, nothing written; Python's IndexError). \
                    Atomic (one Lua script).
                    """,
                handler: DequeHandlers.insert),
            VerbSpec(
                "set", "replace the item at an index, or the items of a slice",
                arguments: [key, ListTable.subscript_, CommonArguments.valuesOrStdin], traits: .writes,
                prints: "nothing; status 1 if the index is out of range (nothing written)",
                notes: "As list set.", handler: ListHandlers.set),
            VerbSpec(
                "del", "delete the item at an index, or the items of a slice",
                arguments: [key, ListTable.subscript_], traits: .writes,
                prints: "nothing; status 1 if the index is out of range", notes: "As list del.",
                handler: ListHandlers.del),
            VerbSpec(
                "remove", "remove the first item equal to a value", arguments: [key, CommonArguments.value],
                traits: .writes, prints: "nothing; status 1 if no item is equal", notes: "As list remove.",
                handler: ListHandlers.remove),
            VerbSpec(
                "index", "the index of the first item equal to a value",
                arguments: [key, CommonArguments.value, ListTable.start, ListTable.stop],
                prints: "an integer; status 1 if no item is equal", notes: ListTable.searchNote,
                handler: ListHandlers.index),
            VerbSpec(
                "count", "how many items are equal to a value", arguments: [key, CommonArguments.value],
                prints: "an integer", notes: ListTable.searchNote, handler: ListHandlers.count),
            VerbSpec(
                "reverse", "reverse the deque in place", arguments: [key], traits: .writes,
                notes: "As list reverse.", handler: ListHandlers.reverse),
            VerbSpec(
                "items", "stream every item, left to right", arguments: [key], prints: "NDJSON",
                handler: DequeHandlers.items),
            VerbSpec(
                "len", "how many items", arguments: [key], prints: "an integer", handler: DequeHandlers.len),
            VerbSpec(
                "clear", "delete the key", arguments: [key], traits: .writes, handler: DequeHandlers.clear),
        ])

    static func trimNote(_ side: String) -> String {
        """
        With --maxlen N, the \(side) end is trimmed to N items after every push, as collections.deque \
        does (maxlen is not stored, as in pottery). - streams standard input in pipelined batches \
        (inside MULTI/EXEC with -j, so that invalid input anywhere writes nothing).
        """
    }
}
