/// How `pottery __complete` prints candidates for each front end. Every format is one candidate per
/// line, read by the scripts without any expansion (`mapfile -t`, `${(f)...}`, fish's command
/// substitution); a candidate whose text holds a newline cannot be one line and is left out.
enum CompletionShell: String, CaseIterable {
    /// The text quoted for the bash command line (``BashWords``), ready for COMPREPLY: bash shows no
    /// descriptions and inserts replies verbatim.
    case bash
    /// `DESCRIPTION<TAB>TEXT`: the description (never a tab) comes first, so the text may hold tabs.
    case zsh
    /// `TEXT<TAB>DESCRIPTION`, fish's own format; a text holding a tab is left out.
    case fish

    /// The line for `candidate`; `quoting` is the quoting context of the word under the cursor, and
    /// `typed` that word as typed (bash: what the user typed is kept as typed, and only the rest is
    /// quoted, so that `{user:42}:p` completes to `{user:42}:profile`: bash matches replies against
    /// the typed text, and a brace left as typed without a comma stays literal).
    func line(for candidate: Candidate, quoting: BashWords.Context = .none, typed: String = "") -> String? {
        guard !candidate.text.contains("\n"), !candidate.text.contains("\r") else { return nil }
        let description = Self.oneLine(candidate.description)
        switch self {
        case .bash:
            let unquoted = BashWords.unquote(typed)
            if quoting == .none, !typed.isEmpty, candidate.text.hasPrefix(unquoted) {
                return typed
                    + BashWords.quote(String(candidate.text.dropFirst(unquoted.count)), context: .none)
            }
            return BashWords.quote(candidate.text, context: quoting)
        case .zsh:
            return description + "\t" + candidate.text
        case .fish:
            if candidate.text.contains("\t") { return nil }
            return description.isEmpty ? candidate.text : candidate.text + "\t" + description
        }
    }

    /// A description on one line, without tabs.
    private static func oneLine(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
