/// The bash front end's side of `__complete --shell bash`: bash hands over the words as typed (quotes
/// and backslashes included, since it offers no safe way to unquote them), so they are unquoted here;
/// and bash inserts each reply verbatim, so candidates are quoted here for the quoting context of the
/// word under the cursor (none, or an opening `'` or `"` that readline itself closes).
enum BashWords {
    enum Context: Equatable {
        case none
        case single
        case double
    }

    /// One word as bash would read it, tolerating an unterminated quote at the end (the word being
    /// typed): `'...'` literal, `"..."` with `\"`, `\\`, `\$`, `` \` `` escapes, a backslash outside
    /// quotes taking the next character literally.
    static func unquote(_ word: String) -> String {
        var result = ""
        var quote: Character?
        var iterator = word.makeIterator()
        while let character = iterator.next() {
            switch (quote, character) {
            case (nil, "'"), (nil, "\""):
                quote = character
            case ("'", "'"), ("\"", "\""):
                quote = nil
            case (nil, "\\"):
                if let next = iterator.next() { result.append(next) }
            case ("\"", "\\"):
                guard let next = iterator.next() else { break }
                if !["\"", "\\", "$", "`"].contains(next) { result.append("\\") }
                result.append(next)
            default:
                result.append(character)
            }
        }
        return result
    }

    /// The quoting context of a partly typed word: whether it opens with a quote that is not closed.
    static func context(of word: String) -> Context {
        guard let first = word.first, first == "'" || first == "\"" else { return .none }
        var quote: Character?
        var escaped = false
        for character in word {
            if escaped {
                escaped = false
            } else if character == "\\" && quote != "'" {
                escaped = true
            } else if quote == nil, character == "'" || character == "\"" {
                quote = character
            } else if character == quote {
                quote = nil
            }
        }
        switch quote {
        case "'": return .single
        case "\"": return .double
        default: return .none
        }
    }

    /// `text` quoted so that bash reads it back as exactly `text` in `context`: every character but
    /// letters, digits, `_./:@%+,=-` and non-ASCII ones gets a backslash (a backslash before a tab or any
    /// other control character quotes it too); inside `"`, only `"`, `\`, `$` and `` ` `` are escaped;
    /// inside `'`, a `'` becomes `'\''`. Never called with a newline.
    static func quote(_ text: String, context: Context) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch context {
            case .single:
                if scalar == "'" { result += "'\\''" } else { result.unicodeScalars.append(scalar) }
            case .double:
                if ["\"", "\\", "$", "`"].contains(scalar) { result += "\\" }
                result.unicodeScalars.append(scalar)
            case .none:
                if !isSafe(scalar) { result += "\\" }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isSafe(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value >= 0x80 { return true }
        if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) {
            return true
        }
        return "_./:@%+,=-".unicodeScalars.contains(scalar)
    }
}
