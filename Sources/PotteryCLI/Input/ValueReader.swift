import PotteryJSON

/// Turns argument text and input lines into stored (canonical JSON) form, in the value mode in force.
enum ValueReader {
    /// Appends the stored form of `input` to `out`; in `-j` mode throws when it is not JSON.
    static func append(
        _ input: UnsafeBufferPointer<UInt8>, mode: ValueMode, into out: inout [UInt8]
    ) throws(JSONError) {
        switch mode {
        case .auto: JSON.canonicalizeAuto(input, into: &out)
        case .string: JSON.encodeString(input, into: &out)
        case .json: try JSON.canonicalize(input, into: &out)
        }
    }

    /// The stored form of one argument; `what` names it in the error (`value 2`, `FIELD`).
    static func argument(_ text: String, mode: ValueMode, what: String) throws(CLIError) -> [UInt8] {
        var bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 2)
        do {
            try bytes.withUnsafeMutableBufferPointer { (raw) throws(JSONError) in
                try append(UnsafeBufferPointer(raw), mode: mode, into: &out)
            }
        } catch {
            throw .invalidInput("\(what) is not valid JSON (-j): \(error.message): \(quoted(text))")
        }
        return out
    }

    /// Whether a line holds nothing but JSON whitespace; such lines are skipped in NDJSON input.
    static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    /// A short, quoted rendering of user input for an error message.
    static func quoted(_ text: String, limit: Int = 60) -> String {
        let clipped = text.count > limit ? String(text.prefix(limit)) + "..." : text
        return "'\(clipped)'"
    }
}
