import RedisClient

/// A reply to any Redis command (`pottery redis ...`) as redis-cli prints it: on a terminal strings
/// quoted with their unprintable bytes escaped, `(integer) N`, `(nil)`, `(error) ...`, arrays
/// numbered and nested (`1) 1) "a"`); to a pipe or a file the raw form, one element per line.
enum RedisReplyRenderer {
    static func render(_ reply: RESPValue, terminal: Bool) -> [UInt8] {
        var out: [UInt8] = []
        if terminal {
            appendTTY(reply, prefix: [], to: &out)
        } else {
            appendRaw(reply, to: &out)
            out.append(0x0A)
        }
        return out
    }

    /// redis-cli's terminal form; every reply ends with a newline.
    private static func appendTTY(_ reply: RESPValue, prefix: [UInt8], to out: inout [UInt8]) {
        switch reply {
        case .simpleString(let text):
            out += text
            out.append(0x0A)
        case .error(let text):
            out += Array("(error) ".utf8) + text
            out.append(0x0A)
        case .integer(let value):
            out += Array("(integer) \(value)\n".utf8)
        case .bulkString(nil), .array(nil):
            out += Array("(nil)\n".utf8)
        case .bulkString(let bytes?):
            appendQuoted(bytes, to: &out)
            out.append(0x0A)
        case .array(let elements?):
            guard !elements.isEmpty else {
                out += Array("(empty array)\n".utf8)
                return
            }
            let width = String(elements.count).count
            let nested = prefix + [UInt8](repeating: UInt8(ascii: " "), count: width + 2)
            for (index, element) in elements.enumerated() {
                // The first element follows the number the caller wrote.
                if index > 0 { out += prefix }
                let number = String(index + 1)
                out += [UInt8](repeating: UInt8(ascii: " "), count: width - number.count) + Array(number.utf8)
                out += Array(") ".utf8)
                appendTTY(element, prefix: nested, to: &out)
            }
        }
    }

    /// redis-cli's raw form: strings as they are, integers bare, nil as nothing, elements on lines.
    private static func appendRaw(_ reply: RESPValue, to out: inout [UInt8]) {
        switch reply {
        case .simpleString(let text), .bulkString(let text?): out += text
        case .error(let text):
            out += text
            out.append(0x0A)  // as redis-cli ends an error, before the reply's own newline
        case .integer(let value): out += Array(String(value).utf8)
        case .bulkString(nil), .array(nil): break
        case .array(let elements?):
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(0x0A) }
                appendRaw(element, to: &out)
            }
        }
    }

    /// `"..."` with `\\`, `\"`, `\n`, `\r`, `\t`, `\a`, `\b` and `\xhh` for any other byte that is
    /// not printable ASCII (redis-cli's `sdscatrepr`).
    private static func appendQuoted(_ bytes: [UInt8], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), byte]
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0x07: out += Array("\\a".utf8)
            case 0x08: out += Array("\\b".utf8)
            case 0x20...0x7E: out.append(byte)
            default:
                let hex = Array("0123456789abcdef".utf8)
                out += [UInt8(ascii: "\\"), UInt8(ascii: "x"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
