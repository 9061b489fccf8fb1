/// Splits a line into words the way a POSIX shell would for simple commands: blanks separate words,
/// `'...'` is literal, `"..."` allows `\"`, `\\`, `\$` and `` \` ``, a backslash outside quotes escapes the
/// next character, and an unquoted `#` at the start of a word begins a comment.
enum ShellWords {
    static func split(_ line: String) throws(CLIError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var iterator = line.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            switch scalar {
            case " ", "\t", "\n", "\r":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            case "#" where !inWord:
                return words
            case "'":
                inWord = true
                while true {
                    guard let next = iterator.next() else { throw .usage("unterminated single quote") }
                    if next == "'" { break }
                    current.unicodeScalars.append(next)
                }
            case "\"":
                inWord = true
                while true {
                    guard let next = iterator.next() else { throw .usage("unterminated double quote") }
                    if next == "\"" { break }
                    if next == "\\" {
                        guard let escaped = iterator.next() else { throw .usage("unterminated double quote") }
                        if !["\"", "\\", "$", "`"].contains(escaped) { current.unicodeScalars.append("\\") }
                        current.unicodeScalars.append(escaped)
                    } else {
                        current.unicodeScalars.append(next)
                    }
                }
            case "\\":
                inWord = true
                if let next = iterator.next() { current.unicodeScalars.append(next) }
            default:
                inWord = true
                current.unicodeScalars.append(scalar)
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
