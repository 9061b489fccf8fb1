/// Strict decimal number syntax for arguments and options. Swift's own `Int(_:)` and `Double(_:)`
/// accept hexadecimal (`0x10`), `inf`, `nan` and more; a command line takes plain decimal only.
enum NumberSyntax {
    enum IntegerReading: Equatable {
        case value(Int)
        /// Decimal digits, but beyond what a 64-bit integer holds.
        case outOfRange
        case notAnInteger
    }

    /// An optional sign and decimal digits, nothing else.
    static func integer(_ text: String) -> IntegerReading {
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return .notAnInteger
        }
        var value = 0
        for digit in digits.utf8 {
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let step = Int(digit - 0x30)
            let (next, overflow2) =
                negative ? times10.subtractingReportingOverflow(step) : times10.addingReportingOverflow(step)
            if overflow1 || overflow2 { return .outOfRange }
            value = next
        }
        return .value(value)
    }

    /// A decimal number: `[+-]digits[.digits][e[+-]digits]` (or `.5`); finite, or nil.
    static func decimal(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            index += 1
        }
        var mantissa = digits()
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            mantissa += digits()
        }
        guard mantissa > 0 else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                index += 1
            }
            guard digits() > 0 else { return nil }
        }
        guard index == bytes.count, let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
