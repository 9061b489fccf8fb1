import PotteryJSON

/// Prints values read from Redis as SPEC §3 says: canonical JSON, one per line, or with `-r` strings
/// without quotes. Stored text is already canonical when pottery wrote it, so it is checked and copied;
/// text that is not JSON at all is shown as a JSON string, as auto mode would have read it. Every
/// method throws when standard output fails, so a stream stops at the first lost line.
///
/// On a terminal, a raw string's control characters other than a newline and a tab are shown
/// escaped (``KeyDisplay``): `jq -r` and `redis-cli --raw` would let a stored `ESC ]0;...` retitle
/// the terminal; JSON output escapes them anyway, and a pipe gets the exact text.
struct ValuePrinter {
    let out: OutputWriter
    let raw: Bool
    var terminal = false

    /// One stored value on its own line.
    func printValue(_ stored: [UInt8]) throws(CLIError) {
        try out.append { buffer in
            Self.appendValue(stored, raw: raw, terminal: terminal, to: &buffer)
            buffer.append(0x0A)
        }
    }

    /// `[key, value]` on one line, as `json.dumps([k, v])` would print it.
    func printPair(_ first: [UInt8], _ second: [UInt8]) throws(CLIError) {
        try out.append { buffer in
            buffer.append(UInt8(ascii: "["))
            Self.appendValue(first, raw: false, to: &buffer)
            buffer.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: " ")])
            Self.appendValue(second, raw: false, to: &buffer)
            buffer.append(contentsOf: [UInt8(ascii: "]"), 0x0A])
        }
    }

    func printBool(_ value: Bool) throws(CLIError) {
        try out.writeLine(value ? "true" : "false")
    }

    func printInteger(_ value: some BinaryInteger) throws(CLIError) {
        try out.writeLine(String(value))
    }

    static func appendValue(_ stored: [UInt8], raw: Bool, terminal: Bool = false, to buffer: inout [UInt8]) {
        stored.withUnsafeBufferPointer { input in
            guard raw else {
                JSON.canonicalizeAuto(input, into: &buffer)
                return
            }
            var canonical: [UInt8] = []
            canonical.reserveCapacity(input.count + 2)
            JSON.canonicalizeAuto(input, into: &canonical)
            canonical.withUnsafeBufferPointer { text in
                guard terminal else {
                    if !JSON.appendRawString(ofCanonical: text, into: &buffer) {
                        buffer.append(contentsOf: text)
                    }
                    return
                }
                var string: [UInt8] = []
                if JSON.appendRawString(ofCanonical: text, into: &string) {
                    KeyDisplay.appendForTerminal(string[...], keeping: [0x0A, 0x09], to: &buffer)
                } else {
                    buffer.append(contentsOf: text)
                }
            }
        }
    }
}
