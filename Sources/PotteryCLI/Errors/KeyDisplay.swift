/// How bytes from Redis (a key name, a raw string) appear where a person reads them: valid UTF-8
/// as it is, every other byte and every control character (C0, DEL and C1) as `\xNN`, so that a
/// hostile name can neither break a one-line message, hide, nor drive a terminal (`ESC ]` retitles
/// it, `ESC [2J` clears it).
enum KeyDisplay {
    /// For a message: at most about `limit` bytes, then `...`.
    static func text(_ bytes: [UInt8], limit: Int = 200) -> String {
        var shown: [UInt8] = []
        let reached = append(bytes[...], to: &shown, limit: limit, keeping: [])
        let text = String(decoding: shown, as: UTF8.self)
        return reached < bytes.endIndex ? text + "..." : text
    }

    /// For a terminal: all of `bytes`, escaped, except the control characters in `keeping` (a
    /// newline and a tab in multi-line text).
    static func appendForTerminal(_ bytes: ArraySlice<UInt8>, keeping: [UInt8] = [], to output: inout [UInt8])
    {
        _ = append(bytes, to: &output, limit: .max, keeping: keeping)
    }

    /// Appends `bytes`, escaped, until `limit` bytes were appended; returns the index reached.
    private static func append(
        _ bytes: ArraySlice<UInt8>, to output: inout [UInt8], limit: Int, keeping: [UInt8]
    ) -> Int {
        let start = output.count
        var index = bytes.startIndex
        while index < bytes.endIndex, output.count - start < limit {
            let length = sequenceLength(bytes, at: index)
            let lead = bytes[index]
            let control =
                length == 1
                ? (lead < 0x20 || lead == 0x7F) && !keeping.contains(lead)
                : length == 2 && lead == 0xC2 && bytes[index + 1] < 0xA0
            let end = index + max(length, 1)
            if length == 0 || control {
                for byte in bytes[index..<end] { appendEscape(byte, to: &output) }
            } else {
                output.append(contentsOf: bytes[index..<end])
            }
            index = end
        }
        return index
    }

    private static func appendEscape(_ byte: UInt8, to output: inout [UInt8]) {
        let digits = Array("0123456789abcdef".utf8)
        output += [UInt8(ascii: "\\"), UInt8(ascii: "x"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
    }

    /// The length of the valid UTF-8 sequence at `index`, or 0 if the byte there starts none.
    private static func sequenceLength(_ bytes: ArraySlice<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        let (length, low, high): (Int, UInt8, UInt8)
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
        case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
        case 0xED: (length, low, high) = (3, 0x80, 0x9F)
        case 0xE1...0xEF: (length, low, high) = (3, 0x80, 0xBF)
        case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
        case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
        case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
        default: return 0
        }
        guard index + length <= bytes.endIndex, (low...high).contains(bytes[index + 1]) else { return 0 }
        for offset in 2..<max(length, 2) where !(0x80...0xBF).contains(bytes[index + offset]) { return 0 }
        return length
    }
}
