/// bash's ANSI-C quoting, `$'...'`: the text up to the closing `'`, with C escapes read as bash reads
/// them. `\a \b \e \E \f \n \r \t \v \\ \' \" \?`, `\NNN` (one to three octal digits, a byte),
/// `\xHH` (one or two hex digits, a byte), `\uHHHH` and `\UHHHHHHHH` (a character, as UTF-8), `\cX`
/// (a control character); any other escape keeps its backslash, as bash does.
enum AnsiCQuote {
    /// Reads from `start` (just after `$'`) to the closing quote, appending the bytes to `word`;
    /// returns the index after the closing quote.
    static func read(_ line: [UInt8], from start: Int, into word: inout [UInt8]) throws(CLIError) -> Int {
        var index = start
        func next() throws(CLIError) -> UInt8 {
            guard index < line.count else { throw .usage("unterminated $'...' quote") }
            defer { index += 1 }
            return line[index]
        }
        func digits(_ limit: Int, radix: UInt32) -> UInt32? {
            var value: UInt32 = 0
            var count = 0
            while count < limit, index < line.count,
                let digit = hexValue(line[index]), digit < radix
            {
                value = value * radix + digit
                index += 1
                count += 1
            }
            return count == 0 ? nil : value
        }
        while true {
            let byte = try next()
            if byte == UInt8(ascii: "'") { return index }
            guard byte == UInt8(ascii: "\\") else {
                word.append(byte)
                continue
            }
            let escape = try next()
            switch escape {
            case UInt8(ascii: "a"): word.append(0x07)
            case UInt8(ascii: "b"): word.append(0x08)
            case UInt8(ascii: "e"), UInt8(ascii: "E"): word.append(0x1B)
            case UInt8(ascii: "f"): word.append(0x0C)
            case UInt8(ascii: "n"): word.append(0x0A)
            case UInt8(ascii: "r"): word.append(0x0D)
            case UInt8(ascii: "t"): word.append(0x09)
            case UInt8(ascii: "v"): word.append(0x0B)
            case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "?"):
                word.append(escape)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                index -= 1
                word.append(UInt8(truncatingIfNeeded: digits(3, radix: 8) ?? 0))
            case UInt8(ascii: "x"):
                if let value = digits(2, radix: 16) {
                    word.append(UInt8(value))
                } else {
                    word += [UInt8(ascii: "\\"), escape]
                }
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                if let value = digits(escape == UInt8(ascii: "u") ? 4 : 8, radix: 16) {
                    // A value that is no character (a surrogate, beyond U+10FFFF) is refused.
                    guard let scalar = Unicode.Scalar(value) else {
                        throw .usage(
                            "$'...': \\\(Character(UnicodeScalar(escape)))\(String(value, radix: 16)) is not a character"
                        )
                    }
                    word += Array(String(Character(scalar)).utf8)
                } else {
                    word += [UInt8(ascii: "\\"), escape]
                }
            case UInt8(ascii: "c"):
                let control = try next()
                word.append(control == UInt8(ascii: "?") ? 0x7F : control & 0x1F)
            default:
                word += [UInt8(ascii: "\\"), escape]
            }
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
