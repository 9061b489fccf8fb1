/// How a key name (bytes) appears in a message: valid UTF-8 as it is, every other byte and every
/// control character as `\xNN`, so a hostile name can neither break the one-line message nor hide.
enum KeyDisplay {
    static func text(_ bytes: [UInt8], limit: Int = 200) -> String {
        var text = ""
        var index = 0
        while index < bytes.count, text.utf8.count < limit {
            let length = sequenceLength(bytes, at: index)
            if length == 0 {
                text += escaped(bytes[index])
                index += 1
                continue
            }
            let scalar = String(decoding: bytes[index..<(index + length)], as: UTF8.self)
            if length == 1, bytes[index] < 0x20 || bytes[index] == 0x7F {
                text += escaped(bytes[index])
            } else {
                text += scalar
            }
            index += length
        }
        return index < bytes.count ? text + "..." : text
    }

    private static func escaped(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return "\\x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
    }

    /// The length of the valid UTF-8 sequence at `index`, or 0 if the byte there starts none.
    private static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
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
        guard index + length <= bytes.count, (low...high).contains(bytes[index + 1]) else { return 0 }
        for offset in 2..<max(length, 2) where !(0x80...0xBF).contains(bytes[index + offset]) { return 0 }
        return length
    }
}
