/// A structure (`dict`, `set`) and its verbs, or the group of top-level commands.
struct GroupSpec: Sendable {
    let name: String
    let aliases: [String]
    let summary: String
    /// The Python pottery class it shares keys with, if any.
    let pythonClass: String?
    /// Top-level groups hold commands run without a structure word (`pottery ping`).
    let isTopLevel: Bool
    /// The verbs help, completion and the man page show, in table order.
    let verbs: [VerbSpec]
    /// The verbs with the ``VerbTraits/hidden`` trait: found by name, shown only by `__table`.
    let hiddenVerbs: [VerbSpec]

    init(
        _ name: String, aliases: [String] = [], _ summary: String, pythonClass: String? = nil,
        isTopLevel: Bool = false, verbs: [VerbSpec]
    ) {
        self.name = name
        self.aliases = aliases
        self.summary = summary
        self.pythonClass = pythonClass
        self.isTopLevel = isTopLevel
        if verbs.contains(where: { $0.traits.contains(.hidden) }) {
            self.verbs = verbs.filter { !$0.traits.contains(.hidden) }
            self.hiddenVerbs = verbs.filter { $0.traits.contains(.hidden) }
        } else {
            self.verbs = verbs
            self.hiddenVerbs = []
        }
    }

    func answers(to word: String) -> Bool { name == word || aliases.contains(word) }

    func verb(named word: String) -> VerbSpec? { (verbs + hiddenVerbs).first { $0.answers(to: word) } }

    /// `dict get`, or `ping` for a top-level command.
    func commandName(of verb: VerbSpec) -> String { isTopLevel ? verb.name : "\(name) \(verb.name)" }
}
