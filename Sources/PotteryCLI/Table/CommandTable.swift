/// The one table of every structure, verb, argument and option (SPEC §5), with the facts that help,
/// the man page and the README share: exit statuses, environment variables, examples. Help,
/// `pottery help`, completion, the man page and the completion scripts are all rendered from it.
struct CommandTable: Sendable {
    /// The groups help and completion show (their hidden verbs aside).
    let groups: [GroupSpec]
    /// Groups of hidden verbs only, built the first time a word is not found in `groups`: start-up
    /// does not pay for them.
    private let hiddenGroups: @Sendable () -> [GroupSpec]

    init(groups: [GroupSpec], hiddenGroups: @escaping @Sendable () -> [GroupSpec] = { [] }) {
        self.groups = groups
        self.hiddenGroups = hiddenGroups
    }

    static let standard = CommandTable(
        groups: [
            DictTable.group, SetTable.group, ListTable.group, DequeTable.group, CounterTable.group,
            QueueTable.group, CachedDictTable.group, LockTable.group, NextIdTable.group, CacheTable.group,
            BloomTable.group, HyperLogLogTable.group, GeneralTable.group,
        ], hiddenGroups: { [InternalTable.group] })

    /// Every group, the hidden-only ones last.
    var allGroups: [GroupSpec] { groups + hiddenGroups() }

    /// The structures: groups whose verbs follow a structure word.
    var structures: [GroupSpec] { groups.filter { !$0.isTopLevel } }

    /// The top-level commands (`ping`, `keys`, ...), with the group that holds them; not the hidden
    /// ones.
    var topLevelCommands: [(GroupSpec, VerbSpec)] {
        groups.filter(\.isTopLevel).flatMap { group in group.verbs.map { (group, $0) } }
    }

    func group(named word: String) -> GroupSpec? { structures.first { $0.answers(to: word) } }

    /// A top-level command by name or alias, hidden ones included.
    func topLevelVerb(named word: String) -> (GroupSpec, VerbSpec)? {
        for group in groups where group.isTopLevel {
            if let verb = group.verb(named: word) { return (group, verb) }
        }
        for group in hiddenGroups() where group.isTopLevel {
            if let verb = group.verb(named: word) { return (group, verb) }
        }
        return nil
    }

    /// Every verb with its group, in table order, hidden ones after each group's shown ones.
    var allVerbs: [(GroupSpec, VerbSpec)] {
        allGroups.flatMap { group in (group.verbs + group.hiddenVerbs).map { (group, $0) } }
    }

    var exitStatuses: [ExitStatusDoc] { ExitStatusDoc.all }
    var environment: [EnvironmentVariable] { EnvironmentVariable.all }
    var examples: [Example] { Example.all }
}

extension CommandTable {
    /// Whether a line's first word is pottery's: a structure, a command, `help` or an option (matched
    /// exactly: `keys` is pottery's, `KEYS` the server's).
    func isOwnFirstWord(_ word: Word) -> Bool {
        let text = word.text
        return CommandLineScanner.looksLikeOption(word) || text == "help" || group(named: text) != nil
            || topLevelVerb(named: text) != nil
    }
}
