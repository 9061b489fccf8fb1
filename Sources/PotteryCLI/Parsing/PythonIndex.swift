import PotteryCore

/// A Python subscript as a command line gives it: an index (`-1`) or a slice (`1:3`, `::2`, `-3:`,
/// `::-1`). Each number is an optional sign and decimal digits; a number beyond 64 bits is taken
/// at the nearest limit, which selects what Python's arbitrary-size one selects (an index that far
/// is out of range either way). A step of 0 is refused, as Python refuses it.
enum PythonIndex: Sendable, Equatable {
    case index(Int)
    case slice(PythonSlice)

    /// Parses `text`; throws a usage error naming `what`.
    static func parse(_ text: String, what: String, allowSlice: Bool = true) throws(CLIError) -> PythonIndex {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 1 { return .index(try number(parts[0], text: text, what: what)) }
        guard allowSlice else {
            throw .usage(
                "\(what) must be an index (a whole number, -1 for the last), not \(ValueReader.quoted(text))")
        }
        guard parts.count <= 3 else {
            throw .usage(
                "\(what) must be an index or a slice (START:STOP:STEP), not \(ValueReader.quoted(text))")
        }
        func part(_ position: Int) throws(CLIError) -> Int? {
            guard position < parts.count, !parts[position].isEmpty else { return nil }
            return try number(parts[position], text: text, what: what)
        }
        let start = try part(0)
        let stop = try part(1)
        let step = try part(2)
        guard let slice = PythonSlice(start: start, stop: stop, step: step) else {
            throw .usage("\(what): slice step cannot be zero, in \(ValueReader.quoted(text))")
        }
        return .slice(slice)
    }

    /// An index: an optional sign and decimal digits, clamped to 64 bits.
    static func index(_ text: String, what: String) throws(CLIError) -> Int {
        guard case .index(let index) = try parse(text, what: what, allowSlice: false) else {
            throw .usage("\(what) must be an index, not \(ValueReader.quoted(text))")
        }
        return index
    }

    private static func number(_ part: Substring, text: String, what: String) throws(CLIError) -> Int {
        switch NumberSyntax.integer(String(part)) {
        case .value(let value): return value
        case .outOfRange: return part.first == "-" ? Int.min : Int.max
        case .notAnInteger:
            throw .usage(
                "\(what) must be an index (a whole number, -1 for the last) or a slice like 1:3, ::2, -3: or ::-1,"
                    + " not \(ValueReader.quoted(text))")
        }
    }
}
