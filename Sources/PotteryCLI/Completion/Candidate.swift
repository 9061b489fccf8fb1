/// One completion offered for the word under the cursor: the literal text to insert (never quoted or
/// escaped: each shell's front end quotes it) and a one-line description (empty for key names).
struct Candidate: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case command
        case verb
        case topic
        case option
        case key
    }

    let text: String
    let description: String
    let kind: Kind

    init(_ text: String, _ description: String = "", kind: Kind) {
        self.text = text
        self.description = description
        self.kind = kind
    }
}
