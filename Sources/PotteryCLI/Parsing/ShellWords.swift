/// Splits a line into words the way a POSIX shell would for simple commands: blanks separate words,
/// `'...'` is literal, `"..."` allows `\"`, `\\`, `\$` and `` \` ``, bash's `$'...'` reads C escapes
/// (`$'a\nb'`, `\t`, `\xHH`, `\u00e9`; ``AnsiCQuote``), a backslash outside quotes escapes the next
/// byte, and an unquoted `#` at the start of a word begins a comment. Works on bytes, so a line that
/// is not UTF-8 keeps its bytes.
enum ShellWords {
    static func split(_ line: String) throws(CLIError) -> [String] {
        try split(bytes: Array(line.utf8)).map(\.text)
    }

    static func split(bytes line: [UInt8]) throws(CLIError) -> [Word] {
        try scan(line, stopAtPipe: false).words
    }

    /// A REPL line `COMMAND | PIPELINE`: the words before the first unquoted `|`, and the text after
    /// it, verbatim, for `sh -c` (nil when there is no `|`).
    static func splitAtPipe(bytes line: [UInt8]) throws(CLIError) -> (words: [Word], pipeline: [UInt8]?) {
        try scan(line, stopAtPipe: true)
    }

    private static func scan(_ line: [UInt8], stopAtPipe: Bool) throws(CLIError) -> (
        words: [Word], pipeline: [UInt8]?
    ) {
        var words: [Word] = []
        var current: [UInt8] = []
        var inWord = false
        var index = 0
        func next() -> UInt8? {
            guard index < line.count else { return nil }
            defer { index += 1 }
            return line[index]
        }
        while let byte = next() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                if inWord { words.append(Word(current)) }
                current = []
                inWord = false
            case UInt8(ascii: "#") where !inWord:
                return (words, nil)
            case UInt8(ascii: "|") where stopAtPipe:
                if inWord { words.append(Word(current)) }
                return (words, Array(line[index...]))
            case UInt8(ascii: "$") where index < line.count && line[index] == UInt8(ascii: "'"):
                inWord = true
                index += 1
                index = try AnsiCQuote.read(line, from: index, into: &current)
            case UInt8(ascii: "'"):
                inWord = true
                while true {
                    guard let quoted = next() else { throw .usage("unterminated single quote") }
                    if quoted == UInt8(ascii: "'") { break }
                    current.append(quoted)
                }
            case UInt8(ascii: "\""):
                inWord = true
                while true {
                    guard let quoted = next() else { throw .usage("unterminated double quote") }
                    if quoted == UInt8(ascii: "\"") { break }
                    if quoted == UInt8(ascii: "\\") {
                        guard let escaped = next() else { throw .usage("unterminated double quote") }
                        if !Array("\"\\$`".utf8).contains(escaped) { current.append(UInt8(ascii: "\\")) }
                        current.append(escaped)
                    } else {
                        current.append(quoted)
                    }
                }
            case UInt8(ascii: "\\"):
                inWord = true
                if let escaped = next() { current.append(escaped) }
            default:
                inWord = true
                current.append(byte)
            }
        }
        if inWord { words.append(Word(current)) }
        return (words, nil)
    }
}
