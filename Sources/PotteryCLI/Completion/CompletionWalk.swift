/// Reads the words before the cursor the way ``ArgvParser`` reads argv (SPEC §5): global options before
/// the structure word, between the structure and the verb, and anywhere after the verb; the verb's own
/// options after the verb (they win over a global of the same name); an option's value is the next word
/// unless given inline (`--url=URL`, `-uURL`); `--` ends options; `-` and `-7` are values. Unknown
/// options are skipped as flags, so a typo does not stop completion.
struct CompletionWalk {
    let table: CommandTable

    private enum Phase {
        case start
        case group(GroupSpec)
        case verb(VerbSpec, positionals: Int, optionsEnded: Bool)
        case help([String])
        case lost
    }

    /// `words` ends with the word under the cursor (possibly empty).
    func point(_ words: [String]) -> CompletionPoint {
        var globals: [(OptionSpec, String?)] = []
        var phase = Phase.start
        var pendingValue: OptionSpec?
        var commandForced = false  // after a `--` that stands before the command word
        var optionsEnded = false  // after a `--` between the structure and the verb
        for word in words.dropLast() {
            if let option = pendingValue {
                pendingValue = nil
                if GlobalOptions.all.contains(where: { $0.long == option.long }), !isVerbOption(option, phase)
                {
                    globals.append((option, word))
                }
                continue
            }
            switch phase {
            case .start:
                if !commandForced, ArgvParser.looksLikeOption(word) {
                    if word == "--" {
                        commandForced = true
                    } else {
                        pendingValue = consume(word, verb: nil, globals: &globals)
                    }
                } else if word == "help" {
                    phase = .help([])
                } else if let (_, verb) = table.topLevelVerb(named: word) {
                    phase = .verb(verb, positionals: 0, optionsEnded: false)
                } else if let group = table.group(named: word) {
                    phase = .group(group)
                } else {
                    phase = .lost
                }
            case .group(let group):
                if !optionsEnded, word == "--" {
                    optionsEnded = true  // and the next word is the verb
                } else if !optionsEnded, ArgvParser.looksLikeOption(word) {
                    pendingValue = consume(word, verb: nil, globals: &globals)
                } else if let verb = group.verb(named: word) {
                    phase = .verb(verb, positionals: 0, optionsEnded: optionsEnded)
                } else {
                    phase = .lost
                }
            case .verb(let verb, let positionals, let optionsEnded):
                if let position = verb.restPosition, positionals == position,
                    optionsEnded || word == "--" || !ArgvParser.looksLikeOption(word)
                {
                    phase = .lost  // a child command, taken verbatim: not ours to complete
                } else if optionsEnded || !ArgvParser.looksLikeOption(word) {
                    phase = .verb(verb, positionals: positionals + 1, optionsEnded: optionsEnded)
                } else if word == "--" {
                    phase = .verb(verb, positionals: positionals, optionsEnded: true)
                } else {
                    pendingValue = consume(word, verb: verb, globals: &globals)
                }
            case .help(let topics):
                if !ArgvParser.looksLikeOption(word) { phase = .help(topics + [word]) }
            case .lost:
                break
            }
        }
        if let option = pendingValue {
            return CompletionPoint(slot: .optionValue(option), globalOptions: globals)
        }
        return CompletionPoint(slot: slot(for: phase, commandForced: commandForced), globalOptions: globals)
    }

    private func slot(for phase: Phase, commandForced: Bool) -> CompletionSlot {
        switch phase {
        case .start: return .command
        case .group(let group): return .verb(group)
        case .verb(let verb, let positionals, let optionsEnded):
            return .afterVerb(verb, argument: argument(of: verb, at: positionals), optionsEnded: optionsEnded)
        case .help(let topics):
            if topics.isEmpty { return .helpTopic(nil) }
            if topics.count == 1, let group = table.group(named: topics[0]) { return .helpTopic(group) }
            return .nothing
        case .lost: return .nothing
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

    private func isVerbOption(_ option: OptionSpec, _ phase: Phase) -> Bool {
        guard case .verb(let verb, _, _) = phase else { return false }
        return verb.options.contains { $0.long == option.long }
    }

    /// Consumes one option word; returns the option whose value is the next word, if any.
    private func consume(_ word: String, verb: VerbSpec?, globals: inout [(OptionSpec, String?)])
        -> OptionSpec?
    {
        if word.hasPrefix("--") {
            var name = Substring(word.dropFirst(2))
            var inline: String?
            if let equals = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: equals)...])
                name = name[..<equals]
            }
            let local = verb?.option(long: String(name))
            guard let option = local ?? GlobalOptions.named(long: String(name)) else {
                return nil
            }
            guard option.takesValue, inline == nil else {
                if local == nil { globals.append((option, inline)) }
                return nil
            }
            return option
        }
        var rest = Substring(word.dropFirst())
        while let letter = rest.first {
            rest = rest.dropFirst()
            let local = verb?.option(short: letter)
            guard let option = local ?? GlobalOptions.named(short: letter) else {
                continue
            }
            guard option.takesValue else {
                if local == nil { globals.append((option, nil)) }
                continue
            }
            guard rest.isEmpty else {
                if local == nil { globals.append((option, String(rest))) }
                return nil
            }
            return option
        }
        return nil
    }
}
