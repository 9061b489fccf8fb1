import PotteryCore

/// `pottery counter ...`: pottery's `RedisCounter` (SPEC §5).
enum CounterTable {
    static let key = CommonArguments.key
    static let element = Argument.value("ELEM", "an element (a JSON value)")
    static let elements = Argument.values("ELEM", "elements (JSON values)")
    static let occurrences = Argument.valuesOrStdin(
        "ELEM", "elements, one occurrence each, or - to read NDJSON from standard input")
    static let amount = Argument.optionalInteger("N", "how much to add; may be negative (default 1)")
    static let top = Argument.optionalInteger("N", "how many (default all)", in: 0...Int.max)
    static let count = Argument.integer("N", "the count")
    static let other = Argument.key("OTHER", "another counter's key")
    static let counts = VerbOption.flag(
        "counts", "each ELEM is a mapping of counts instead: an object, or an [element, n] pair")
    static let into = BytesOption(
        "into", value: "DEST", "store the result in DEST, replacing it; print its size")

    /// The word that names the group on a command line.
    static let name = "counter"

    static let group = GroupSpec(
        name, "a Python collections.Counter in a Redis hash", pythonClass: "RedisCounter",
        verbs: [
            VerbSpec(
                "incr", "add N to one count, atomically (HINCRBY)", arguments: [key, element, amount],
                traits: .writes,
                prints:
                    "the new count; a count that would leave the 64-bit range is a Redis error (status 3)",
                handler: CounterHandlers.incr),
            VerbSpec(
                "set", "set the count of one element", arguments: [key, element, count], traits: .writes,
                notes: "Python's counter[elem] = n (HSET).", handler: CounterHandlers.set),
            VerbSpec(
                "update", "count each occurrence: +1 per element given", arguments: [key, occurrences],
                options: [counts], traits: .writes,
                prints: "nothing; with -j, invalid input anywhere writes nothing (status 2)",
                notes: bulkNote, handler: CounterHandlers.update),
            VerbSpec(
                "subtract", "uncount each occurrence: -1 per element given", arguments: [key, occurrences],
                options: [counts], traits: .writes,
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
                "plus", "c + d: the counts added", arguments: [key, other], options: [into],
                prints: arithmeticOutput, notes: arithmeticNote, handler: CounterHandlers.combine(.plus)),
            VerbSpec(
                "minus", "c - d: the counts subtracted", arguments: [key, other], options: [into],
                prints: arithmeticOutput, notes: arithmeticNote, handler: CounterHandlers.combine(.minus)),
            VerbSpec(
                "union", "c | d: the larger of the two counts", arguments: [key, other], options: [into],
                prints: arithmeticOutput, notes: arithmeticNote, handler: CounterHandlers.combine(.union)),
            VerbSpec(
                "intersection", "c & d: the smaller of the two counts", arguments: [key, other],
                options: [into], prints: arithmeticOutput, notes: arithmeticNote,
                handler: CounterHandlers.combine(.intersection)),
            VerbSpec(
                "positive", "+c: the positive counts", arguments: [key], options: [into],
                prints: arithmeticOutput, notes: arithmeticNote, handler: CounterHandlers.combine(.positive)),
            VerbSpec(
                "negative", "-c: the negative counts, negated", arguments: [key], options: [into],
                prints: arithmeticOutput, notes: arithmeticNote, handler: CounterHandlers.combine(.negative)),
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
        in bounded memory. Counts may reach zero or go below, and are kept, as Counter keeps them. \
        With --counts each input is a mapping (Counter.update(mapping)): an object {"a": 2} (its \
        elements are strings) or an [element, n] pair, n a whole number, added (or, for subtract, \
        taken away) as a whole.
        """

    static let arithmeticOutput =
        "NDJSON [element, count], only positive counts; with --into, the size of DEST"

    static let arithmeticNote = """
        As collections.Counter's operators: elements in Python's order (KEY's as HSCAN gives them, \
        then OTHER's new ones), counts that are not positive dropped. Both counters are read whole into \
        memory. With --into DEST the result replaces DEST (deleted when empty) in one transaction.
        """

    static let mostCommonNote = """
        Ordered as Counter.most_common: ties keep the order in which the elements were first counted \
        while the hash is small enough for Redis to keep that order (the listpack encoding, up to 128 \
        elements by default); in a larger hash, ties are ordered by the elements' JSON text.
        """
}
