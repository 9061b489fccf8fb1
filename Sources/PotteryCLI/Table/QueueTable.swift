/// `pottery queue ...`: pottery's `RedisSimpleQueue` on a stream (SPEC §5).
enum QueueTable {
    static let key = CommonArguments.key
    static let items = Argument.valuesOrStdin("V", "items, or - to read NDJSON from standard input")
    /// The wait, as Python's `Queue.get(timeout=)`: after the verb it is this option, and the global
    /// reply timeout goes before the structure word (SPEC §5).
    static let wait = VerbOption.wait(
        "timeout", aliases: ["wait"], shadowsGlobal: true,
        "wait at most S seconds for an item (default: as long as it takes); the global --timeout goes before 'queue'"
    )
    static let nowait = VerbOption.flag("nowait", "do not wait: status 1 at once if the queue is empty")
    static let follow = VerbOption.flag(
        "follow", "keep taking items and print each as it comes (NDJSON, flushed) until interrupted")

    static let group = GroupSpec(
        "queue", "a Python queue in a Redis stream", pythonClass: "RedisSimpleQueue",
        verbs: [
            VerbSpec(
                "put", "put items at the back (XADD)", arguments: [key, items], traits: .writes,
                prints: "nothing; with -j, invalid input anywhere writes nothing (status 2)",
                handler: QueueHandlers.put),
            VerbSpec(
                "get", "take the oldest item, waiting for one", arguments: [key],
                options: [wait, nowait, follow], exclusive: [["timeout", "nowait"]],
                traits: [.writes, .mayBlock],
                prints: """
                    the item; status 1 if none came within the wait. With --follow, NDJSON until \
                    interrupted (or, with --timeout or --nowait, until the queue stayed empty that \
                    long; status 1 if nothing came at all)
                    """,
                notes: getNote, handler: QueueHandlers.get),
            VerbSpec(
                "size", "how many items wait (XLEN)", arguments: [key], prints: "an integer",
                handler: QueueHandlers.size),
            VerbSpec(
                "empty", "whether no item waits", arguments: [key], prints: "true or false; status 0 or 1",
                handler: QueueHandlers.empty),
        ])

    static let getNote = """
        Taking is atomic (one Lua script reads the oldest entry and XDELs it), so two consumers, \
        pottery's or Python pottery's, never receive one item. Waiting is XREAD BLOCK, woken by a put. \
        Ctrl-C while waiting exits 130 and takes nothing. With --follow, a connection the server \
        dropped (its idle timeout, CLIENT KILL) is reopened before the next take or wait; a wait cut \
        by the loss begins again.
        """
}
