/// One command-line word: the bytes the program was given, with a text view for matching names and
/// for messages. Keys and values are taken as bytes, so a word that is not UTF-8 keeps its bytes
/// (only `text` shows U+FFFD where they are invalid).
struct Word: Sendable, Hashable, ExpressibleByStringLiteral {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }
    init(_ text: String) { self.bytes = Array(text.utf8) }
    init(stringLiteral text: String) { self.init(text) }

    /// The word as text; invalid UTF-8 shows as U+FFFD.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Whether the bytes are valid UTF-8.
    var isValidUTF8: Bool { String(validating: bytes, as: UTF8.self) != nil }

    static func == (word: Word, text: String) -> Bool { word.bytes.elementsEqual(text.utf8) }
}

extension [Word] {
    /// Words from plain strings (tests, the REPL's own lines).
    init(strings: [String]) { self = strings.map { Word($0) } }
}
