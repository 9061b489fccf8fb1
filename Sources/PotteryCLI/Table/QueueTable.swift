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
        "follow",
        "keep taking items and print each as it comes (NDJSON, flushed) until interrupted; into a pipe, "
            + "the next only once the reader has read the last"
    ).streaming()
    static let batch = VerbOption.integer(
        "batch", in: 1...100_000,
        "with --follow, take up to N items at a time (default 1 into a pipe or socket): faster, but a "
            + "reader that dies may lose up to N")

    /// The word that names the group on a command line.
    static let name = "queue"

    static let group = GroupSpec(
        name, "a Python queue in a Redis stream", pythonClass: "RedisSimpleQueue",
        verbs: [
            VerbSpec(
                "put", "put items at the back (XADD)", arguments: [key, items], traits: .writes,
                prints: "nothing; with -j, invalid input anywhere writes nothing (status 2)",
                handler: QueueHandlers.put),
            VerbSpec(
                "get", "take the oldest item, waiting for one", arguments: [key],
                options: [wait, nowait, follow, batch], exclusive: [["timeout", "nowait"]],
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
            VerbSpec(
                "clear", "delete the key, and every item waiting", arguments: [key], traits: .writes,
                handler: QueueHandlers.clear),
        ])

    static let getNote = """
        Taking is atomic (one Lua script reads the oldest entry and XDELs it), so two consumers, \
        pottery's or Python pottery's, never receive one item. Waiting is XREAD BLOCK, woken by a put. \
        Ctrl-C while waiting exits 130 and takes nothing. With --follow into a pipe or a socket, the \
        next item is taken only once the reader has read the one before (a unix socket or pipe holds \
        nothing unread; a TCP socket's peer acknowledged it): a worker that dies loses at most the item \
        it held and the one in the pipe, and other consumers share the queue. --batch N takes up to N at \
        a time, for speed, and may lose up to N. Into a file, /dev/null or a terminal nothing waits, and \
        a backlog is taken in batches of up to 256 (or N). An entry without an item field (written by \
        someone else) is never taken or deleted: it stays in the stream, the items after it are \
        delivered, and a warning says so on stderr once. With --follow, a connection the server \
        dropped (its idle timeout, CLIENT KILL) is reopened before the next take or wait; a wait cut \
        by the loss begins again.
        """
}
