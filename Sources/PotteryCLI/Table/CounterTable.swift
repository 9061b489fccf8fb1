/// `pottery counter ...`: pottery's `RedisCounter` (SPEC §5).
enum CounterTable {
    static let key = CommonArguments.key
    static let element = Argument.value("ELEM", "an element (a JSON value)")
    static let elements = Argument.values("ELEM", "elements (JSON values)")
    static let occurrences = Argument.valuesOrStdin(
        "ELEM", "elements, one occurrence each, or - to read NDJSON from standard input")
    static let amount = Argument.optionalInteger("N", "how much to add; may be negative (default 1)")
    static let top = Argument.optionalInteger("N", "how many (default all)", in: 0...Int.max)

    static let group = GroupSpec(
        "counter", "a Python collections.Counter in a Redis hash", pythonClass: "RedisCounter",
        verbs: [
            VerbSpec(
                "incr", "add N to one count, atomically (HINCRBY)", arguments: [key, element, amount],
                traits: .writes,
                prints:
                    "the new count; a count that would leave the 64-bit range is a Redis error (status 3)",
                handler: CounterHandlers.incr),
            VerbSpec(
                "update", "count each occurrence: +1 per element given", arguments: [key, occurrences],
                traits: .writes,
                prints: "nothing; with -j, invalid input anywhere writes nothing (status 2)",
                notes: bulkNote, handler: CounterHandlers.update),
            VerbSpec(
                "subtract", "uncount each occurrence: -1 per element given", arguments: [key, occurrences],
                traits: .writes,
                prints: "nothing; with -j, invalid input anywhere writes nothing (status 2)",
                notes: bulkNote, handler: CounterHandlers.subtract),
            VerbSpec(
                "get", "the count of one element", arguments: [key, element],
                prints: "an integer, 0 when the element is absent", handler: CounterHandlers.get),
            VerbSpec(
                "most-common", "the N most common elements", arguments: [key, top],
                prints: "NDJSON [element, count], highest count first", notes: mostCommonNote,
                handler: CounterHandlers.mostCommon),
            VerbSpec(
                "items", "stream the elements and counts (HSCAN)", arguments: [key],
                prints: "NDJSON [element, count], in Redis's order", handler: CounterHandlers.items),
            VerbSpec(
                "elements", "each element repeated as many times as its count", arguments: [key],
                prints: "NDJSON; counts below one give nothing, as Counter.elements()",
                handler: CounterHandlers.elements),
            VerbSpec(
                "len", "how many distinct elements, zero and negative counts included", arguments: [key],
                prints: "an integer", handler: CounterHandlers.len),
            VerbSpec(
                "total", "the sum of all counts", arguments: [key], prints: "an integer",
                handler: CounterHandlers.total),
            VerbSpec(
                "del", "forget elements", arguments: [key, elements], traits: .writes,
                prints: "nothing; an absent element is no error, as in collections.Counter",
                handler: CounterHandlers.del),
            VerbSpec(
                "clear", "delete the key", arguments: [key], traits: .writes, handler: CounterHandlers.clear),
        ])

    static let bulkNote = """
        Gives collections.Counter's results (not pottery 3.0.1's, which counts an element that is \
        already there twice): one HINCRBY per distinct element of each window of input, pipelined, \
        in bounded memory. Counts may reach zero or go below, and are kept, as Counter keeps them.
        """

    static let mostCommonNote = """
        Ordered as Counter.most_common: ties keep the order in which the elements were first counted \
        while the hash is small enough for Redis to keep that order (the listpack encoding, up to 128 \
        elements by default); in a larger hash, ties are ordered by the elements' JSON text.
        """
}
