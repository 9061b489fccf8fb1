/// What the word under the cursor stands for, as the argv parser would read it (SPEC §5).
enum CompletionSlot {
    /// The first word: a structure, a top-level command or `help` (or a global option).
    case command
    /// A verb of `group` (or a global option).
    case verb(GroupSpec)
    /// `pottery help ...`: a structure or top-level command, then a verb of `group`.
    case helpTopic(GroupSpec?)
    /// An option word (or positional argument) after `verb`; `optionsEnded` after `--`.
    case afterVerb(VerbSpec, argument: ArgumentSpec?, optionsEnded: Bool)
    /// The value of `option`.
    case optionValue(OptionSpec)
    /// Nothing sensible: an unknown command or verb, or too many words.
    case nothing
}

/// The result of reading the words before the cursor: the slot of the last word and the global
/// options given so far (their values matter to the key lookup: `-u URL`, `--timeout S`).
struct CompletionPoint {
    var slot: CompletionSlot
    var globalOptions: [(OptionSpec, String?)]
}
