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
    /// Nothing sensible: an unknown command or verb, a child command, or too many words.
    case nothing
}

/// The result of reading the words before the cursor: the slot of the last word, the global options
/// given so far, and the settings they make (the key lookup needs `-u URL`, `--timeout S`, TLS).
struct CompletionPoint {
    var slot: CompletionSlot
    var globalOptions: [(OptionSpec, String?)]
    var settings: Settings
}

extension CommandLineScanner {
    /// Reads `words`, which end with the word under the cursor (possibly empty), in partial mode.
    func point(_ words: [String]) -> CompletionPoint {
        let before = [Word](strings: Array(words.dropLast()))
        // Partial mode never throws.
        let scan = (try? scan(before, settings: Settings(), mode: .partial)) ?? Scan(settings: Settings())
        return CompletionPoint(
            slot: slot(of: scan), globalOptions: scan.globals.map { ($0.option, $0.value?.text) },
            settings: scan.settings)
    }

    private func slot(of scan: Scan) -> CompletionSlot {
        if let option = scan.pendingValue { return .optionValue(option) }
        switch scan.position {
        case .start: return .command
        case .group(let group): return .verb(group)
        case .verb(_, let verb):
            guard scan.rest == nil else { return .nothing }  // a child command: not ours to complete
            return .afterVerb(
                verb, argument: argument(of: verb, at: scan.positionals.count),
                optionsEnded: scan.optionsEnded)
        case .help(let topics):
            if topics.isEmpty { return .helpTopic(nil) }
            if topics.count == 1, let group = table.group(named: topics[0].text) { return .helpTopic(group) }
            return .nothing
        case .unknownCommand, .unknownVerb: return .nothing
        }
    }

    /// The argument spec that the positional word number `index` (from 0) fills: each argument takes
    /// one word, or every remaining word when it repeats.
    private func argument(of verb: VerbSpec, at index: Int) -> ArgumentSpec? {
        var remaining = index
        for spec in verb.arguments {
            guard spec.arity == .one || spec.arity == .optional else { return spec }
            if remaining == 0 { return spec }
            remaining -= 1
        }
        return nil
    }
}
