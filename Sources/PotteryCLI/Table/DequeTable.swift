/// `pottery deque ...`: pottery's `RedisDeque` (SPEC §5).
enum DequeTable {
    static let key = CommonArguments.key
    static let index = Argument.index("INDEX", "a Python index (-1 is the last)")
    static let steps = Argument.optionalInteger("N", "steps to the right; negative rotates left (default 1)")
    static let maxlen = VerbOption.integer(
        "maxlen", in: 0...Int.max, "keep at most N items, trimming the other end as collections.deque does")

    static let group = GroupSpec(
        "deque", "a collections.deque in a Redis list", pythonClass: "RedisDeque",
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
                "get", "the item at an index", arguments: [key, index],
                prints: "the value; status 1 if the index is out of range", handler: DequeHandlers.get),
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
