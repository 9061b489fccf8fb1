/// The words the completion scripts offer, read off the command table once for all three shells.
struct CompletionWords {
    let table: CommandTable

    /// Structure names, then top-level commands and `help`, each with its summary.
    var firstWords: [(String, String)] {
        table.structures.map { ($0.name, $0.summary) }
            + table.topLevelCommands.map { ($0.1.name, $0.1.summary) }
            + [("help", "help on a structure or a verb")]
    }

    /// Every option (global and any verb's) that takes a value, as the words that name it.
    var optionsTakingValues: [String] {
        var words: [String] = []
        let verbOptions = table.groups.flatMap { $0.verbs.flatMap(\.options) }
        for option in GlobalOptions.all + verbOptions where option.takesValue {
            words.append("--\(option.long)")
            if let short = option.short { words.append("-\(short)") }
        }
        return unique(words)
    }

    /// Global option words with their help.
    var globalOptions: [(String, String)] { optionWords(GlobalOptions.all) }

    func optionWords(_ options: [OptionSpec]) -> [(String, String)] {
        options.flatMap { option in
            [("--\(option.long)", option.help)] + (option.short.map { [("-\($0)", option.help)] } ?? [])
        }
    }

    private func unique(_ words: [String]) -> [String] {
        var seen = Set<String>()
        return words.filter { seen.insert($0).inserted }
    }
}
