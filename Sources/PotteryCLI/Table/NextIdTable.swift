/// `pottery nextid ...`: pottery's `NextID` over the quorum masters (SPEC §5, §8.3).
enum NextIdTable {
    static let key = CommonArguments.key
    static let count = VerbOption.integer(
        "count", in: 1...(1 << 40), "reserve N ids at once, in one quorum round (default 1)")

    /// The word that names the group on a command line.
    static let name = "nextid"

    static let group = GroupSpec(
        name, "monotonically increasing ids over the quorum masters", pythonClass: "NextID",
        verbs: [
            VerbSpec(
                "next", "the next id(s) of the sequence", arguments: [key], options: [count],
                traits: [.writes, .needsMasters], prints: "the id(s), one per line",
                notes: nextNote, handler: NextIdHandlers.next),
            VerbSpec(
                "current", "the last id issued (0 when none)", arguments: [key], traits: [.needsMasters],
                prints: "an integer", notes: valueNote, handler: NextIdHandlers.current),
            VerbSpec(
                "reset", "start the sequence again (the next id is 1)", arguments: [key],
                traits: [.writes, .needsMasters],
                notes: "Deletes nextid:KEY on every master; a quorum must answer.",
                handler: NextIdHandlers.reset),
        ])

    static let nextNote = """
        Shares nextid:KEY with Python pottery's NextID: the maximum over a quorum of masters plus N, \
        written back with a Lua "set if greater" that a quorum must accept. Concurrent callers retry \
        after short random, growing delays for up to --timeout seconds (default 5); only masters that \
        are down give the quorum error (status 3). Ids stop at 2^53, where Lua's numbers stop being \
        exact. \(valueNote)
        """

    static let valueNote = """
        A master holding anything but a whole number from 0 up (-5, twelve) is refused alike by next \
        and current: status 3, and nothing is changed.
        """
}
