/// Reading a stored count: decimal integer text, as Python's `json.dumps(int)` writes it and
/// `HINCRBY` keeps it. Anything else (a float a Python program stored, text beyond 64 bits) is
/// stored data pottery cannot count with: an error, never a guess or a trap.
enum CounterCount {
    static func parse(_ stored: [UInt8], key: [UInt8], server: String) throws(PotteryError) -> Int {
        guard let value = integer(stored) else {
            let shown = String(decoding: stored.prefix(40), as: UTF8.self)
            throw PotteryError(
                .undecodable, "a count is not a 64-bit integer: \(shown)", key: key, server: server)
        }
        return value
    }

    /// `-?[0-9]+` within `Int`'s range, else nil.
    static func integer(_ text: [UInt8]) -> Int? {
        var index = 0
        let negative = text.first == UInt8(ascii: "-")
        if negative { index = 1 }
        guard index < text.count, text.count - index <= 20 else { return nil }
        var value = 0
        while index < text.count {
            let digit = Int(text[index]) - 48
            guard digit >= 0 && digit <= 9 else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) =
                negative
                ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            guard !o1 && !o2 else { return nil }
            value = next
            index += 1
        }
        return value
    }
}
