/// The hidden `pottery __complete [--shell bash|zsh|fish] -- WORDS...`: the words of the command line
/// being completed, without the program name, unquoted, the last one being the word under the cursor
/// (possibly empty); for bash, the words as typed, quotes included (see ``BashWords``). Prints the candidates one per line in the shell's format (``CompletionShell``).
/// Key names are looked up on the server the words name (`-u`, `--timeout`, the environment), with a
/// timeout of at most one second; any failure prints nothing. Exit status 0, or 2 for a malformed call.
enum CompleteCommand {
    static let name = "__complete"
    static let usage = "usage: pottery __complete [--shell bash|zsh|fish] -- WORDS..."
    static let notes =
        "For bash the words come as typed, quotes included, and candidates go back quoted for the word's "
        + "quoting context. Key names are looked up on the server the words name, within at most a second."

    static func run(shell: CompletionShell, words typed: [String], context: CommandContext) {
        let session = context.session
        var words = typed
        var quoting = BashWords.Context.none
        let typedLast = shell == .bash ? typed.last ?? "" : ""
        if shell == .bash {
            quoting = BashWords.context(of: words.last ?? "")
            words = words.map(BashWords.unquote)
        }
        let settings = lookupSettings(words, table: context.table, environment: session.environment)
        let completer = Completer.live(table: context.table, session: session, settings: settings)
        // A reader that went away (the user typed on) is no failure of ours: print what fits, quietly.
        for candidate in completer.complete(words: words) {
            guard let line = shell.line(for: candidate, quoting: quoting, typed: typedLast) else { continue }
            do { try session.out.writeLine(line) } catch { break }
        }
        try? session.out.flush()
    }

    /// The settings the typed global options make (those the lookup needs: the server, TLS), with
    /// the timeout capped at 1 s.
    static func lookupSettings(_ words: [String], table: CommandTable, environment: Environment) -> Settings {
        var settings = CommandLineScanner(table: table).point(words).settings
        let timeout = (try? settings.resolvedTimeout(environment)) ?? 1
        settings.timeout = min(timeout, 1)
        return settings
    }
}
