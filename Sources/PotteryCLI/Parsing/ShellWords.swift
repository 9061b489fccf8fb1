/// Splits a line into words the way a POSIX shell would for simple commands: blanks separate words,
/// `'...'` is literal, `"..."` allows `\"`, `\\`, `\$` and `` \` ``, a backslash outside quotes escapes the
/// next byte, and an unquoted `#` at the start of a word begins a comment. Works on bytes, so a line
/// that is not UTF-8 keeps its bytes.
enum ShellWords {
    static func split(_ line: String) throws(CLIError) -> [String] {
        try split(bytes: Array(line.utf8)).map(\.text)
    }

    static func split(bytes line: [UInt8]) throws(CLIError) -> [Word] {
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
                return words
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
        return words
    }
}
