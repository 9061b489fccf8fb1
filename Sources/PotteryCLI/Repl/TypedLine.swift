/// The words of a REPL line up to the cursor, as typed (quotes and backslashes included), for
/// completion: where the word under the cursor starts, its quoting context, and every word unquoted
/// the way ``ShellWords`` will split the finished line (an unterminated quote at the end tolerated).
struct TypedLine: Equatable {
    /// The words before the cursor, unquoted; the last one is the word under the cursor (maybe empty).
    let words: [String]
    /// The byte offset where the word under the cursor starts (its opening quote included).
    let currentStart: Int
    /// Whether the word under the cursor opens with a quote that is not closed yet.
    let context: BashWords.Context

    init(_ bytes: [UInt8]) {
        var starts: [Int] = []
        var ends: [Int] = []
        var quote: UInt8?
        var inWord = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open {
                    quote = nil
                } else if byte == UInt8(ascii: "\\"), open == UInt8(ascii: "\""), index + 1 < bytes.count {
                    index += 1
                }
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                if inWord {
                    ends.append(index)
                    inWord = false
                }
            } else {
                if !inWord {
                    starts.append(index)
                    inWord = true
                }
                if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                    quote = byte
                } else if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                    index += 1
                }
            }
            index += 1
        }
        if !inWord { starts.append(bytes.count) }
        ends.append(bytes.count)
        var words: [String] = []
        for (start, end) in zip(starts, ends) {
            words.append(BashWords.unquote(String(decoding: bytes[start..<end], as: UTF8.self)))
        }
        let last = starts[starts.count - 1]
        self.words = words
        self.currentStart = last
        self.context = BashWords.context(of: String(decoding: bytes[last...], as: UTF8.self))
    }

    /// What replaces the word under the cursor to make it `text`: quoted for its context, closed
    /// and followed by a space when `complete` (the only candidate).
    func replacement(for text: String, complete: Bool) -> String {
        var result = ""
        switch context {
        case .single: result = "'"
        case .double: result = "\""
        case .none: break
        }
        result += BashWords.quote(text, context: context)
        if complete {
            switch context {
            case .single: result += "'"
            case .double: result += "\""
            case .none: break
            }
            result += " "
        }
        return result
    }
}
