/// What the table's notes say about the child of `lock run` and `cache run` (its input, its
/// descendants, its death with pottery, Ctrl-Z): one text for both verbs.
enum ChildNotes {
    /// The part both verbs share.
    static let shared = """
        CMD dies with pottery: if pottery is killed, SIGKILL included, CMD gets SIGKILL from the \
        kernel and its process group from a guardian process; a process that leaves the group \
        (setsid, setpgid) escapes. Ctrl-Z stops CMD and pottery together, as one shell job (no lease \
        is extended while stopped; fg or bg continues both, in the REPL too). In batch mode CMD's \
        standard input is /dev/null.
        """

    static let lockRun = """
        The lock is held until CMD's whole process group is gone: background descendants that stayed \
        in the group run under the lock too.
        """ + " " + shared

    static let cacheRun = """
        The output is read until every process holding it has closed it, as $(...) reads: a \
        background descendant that keeps standard output open holds the run.
        """ + " " + shared
}
