/// `pottery bf ...`: pottery's `BloomFilter` (SPEC §5, §8.3).
enum BloomTable {
    static let key = CommonArguments.key
    static let capacity = VerbOption.integer(
        "capacity", in: 1...(1 << 53),
        "the number of elements expected (pottery's num_elements); remembered for the key")
    static let errorRate = VerbOption.fraction(
        "error-rate", above: 0, below: 1,
        "the acceptable false-positive rate (pottery's false_positives); remembered for the key")

    /// The word that names the group on a command line.
    static let name = "bf"

    static let group = GroupSpec(
        name, "a Bloom filter in a Redis bitmap", pythonClass: "BloomFilter",
        verbs: [
            VerbSpec(
                "add", "insert values", arguments: [key, CommonArguments.valuesOrStdin],
                options: [capacity, errorRate], traits: .writes,
                prints: "nothing; with -j, invalid input anywhere writes nothing (status 2)",
                notes: parametersNote, handler: BloomHandlers.add),
            VerbSpec(
                "contains", "whether a value may have been inserted",
                arguments: [key, CommonArguments.value],
                options: [capacity, errorRate], prints: "true or false; status 0 or 1", notes: parametersNote,
                handler: BloomHandlers.contains),
            VerbSpec(
                "contains-many", "membership of each value, in order",
                arguments: [key, CommonArguments.valuesOrStdin], options: [capacity, errorRate],
                prints: "NDJSON true/false", notes: parametersNote, handler: BloomHandlers.containsMany),
            VerbSpec(
                "len", "pottery's approximate number of elements", arguments: [key],
                options: [capacity, errorRate],
                prints: "an integer; status 3 when every bit is set (the estimate is infinite)",
                notes: parametersNote, handler: BloomHandlers.len),
            VerbSpec(
                "info", "the filter's parameters", arguments: [key], options: [capacity, errorRate],
                prints: #"JSON {"bits": m, "capacity": n, "error_rate": p, "hashes": k, "len": approx, "#
                    + #""bits_set": X, "remembered": bool} ("len" is null when every bit is set)"#,
                notes: parametersNote, handler: BloomHandlers.info),
            VerbSpec(
                "clear", "delete the filter and its remembered parameters", arguments: [key], traits: .writes,
                handler: BloomHandlers.clear),
        ])

    static let parametersNote = """
        The bitmap is pottery's: m = ceil(-n ln p / (ln 2)^2) bits, k = ceil(m/n ln 2) hashes, \
        bit = mmh3(value, seed) mod m for seed 0..k-1. --capacity and --error-rate are remembered \
        in the companion key {KEY}:pottery-bloom (KEY:pottery-bloom when KEY has a hash tag), so later \
        calls need not repeat them; flags that contradict them exit 2. A filter Python made has none: \
        pass both flags.
        """
}
