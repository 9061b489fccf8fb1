import PotteryJSON

/// Turns argument bytes and input lines into stored (canonical JSON) form, in the value mode in force.
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

    /// The stored form of one argument; `what` names it in the error (`V 2`, `FIELD`).
    static func argument(_ bytes: [UInt8], mode: ValueMode, what: String) throws(CLIError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 2)
        do {
            try bytes.withUnsafeBufferPointer { (raw) throws(JSONError) in
                try append(raw, mode: mode, into: &out)
            }
        } catch {
            throw .invalidInput(
                "\(what) is not valid JSON (-j): \(error.message): \(quoted(String(decoding: bytes, as: UTF8.self)))"
            )
        }
        return out
    }

    /// Whether a line holds nothing but JSON whitespace; such lines are skipped in NDJSON input.
    static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    /// A short, quoted rendering of user input for an error message, on one line.
    static func quoted(_ text: String, limit: Int = 60) -> String {
        var clipped = text.count > limit ? String(text.prefix(limit)) + "..." : text
        clipped = clipped.map { $0.isNewline ? " " : String($0) }.joined()
        return "'\(clipped)'"
    }
}
