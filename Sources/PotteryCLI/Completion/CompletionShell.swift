/// How `pottery __complete` prints candidates for each front end. Every format is one candidate per
/// line, read by the scripts without any expansion (`mapfile -t`, `${(f)...}`, fish's command
/// substitution); a candidate whose text holds a newline cannot be one line and is left out.
enum CompletionShell: String, CaseIterable {
    /// Just the text: bash shows no descriptions.
    case bash
    /// `DESCRIPTION<TAB>TEXT`: the description (never a tab) comes first, so the text may hold tabs.
    case zsh
    /// `TEXT<TAB>DESCRIPTION`, fish's own format; a text holding a tab is left out.
    case fish

    func line(for candidate: Candidate) -> String? {
        guard !candidate.text.contains("\n"), !candidate.text.contains("\r") else { return nil }
        let description = Self.oneLine(candidate.description)
        switch self {
        case .bash:
            return candidate.text
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
