#if canImport(Glibc)
    import Glibc
#endif
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
    /// Raw strings go to a terminal: their control characters are shown escaped.
    var terminal = false
    /// `-a`: the stored text exactly (ASCII); otherwise UTF-8, as jq prints.
    var ascii = false
    /// Standard output is a terminal: DEL and U+0080...U+009F stay escaped in UTF-8 output.
    var escapesC1 = false

    /// One stored value on its own line.
    func printValue(_ stored: [UInt8]) throws(CLIError) {
        try out.append { buffer in
            appendValue(stored, raw: raw, to: &buffer)
            buffer.append(0x0A)
        }
    }

    /// `[key, value]` on one line, as `json.dumps([k, v])` would print it.
    func printPair(_ first: [UInt8], _ second: [UInt8]) throws(CLIError) {
        try out.append { buffer in
            buffer.append(UInt8(ascii: "["))
            appendValue(first, raw: false, to: &buffer)
            buffer.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: " ")])
            appendValue(second, raw: false, to: &buffer)
            buffer.append(contentsOf: [UInt8(ascii: "]"), 0x0A])
        }
    }

    func printBool(_ value: Bool) throws(CLIError) {
        try out.writeLine(value ? "true" : "false")
    }

    func printInteger(_ value: some BinaryInteger) throws(CLIError) {
        try out.writeLine(String(value))
    }

    func appendValue(_ stored: [UInt8], raw: Bool, to buffer: inout [UInt8]) {
        stored.withUnsafeBufferPointer { input in
            guard raw else {
                let start = buffer.count
                JSON.canonicalizeAuto(input, into: &buffer)
                if !ascii { toUTF8(&buffer, from: start) }
                return
            }
            var canonical: [UInt8] = []
            canonical.reserveCapacity(input.count + 2)
            JSON.canonicalizeAuto(input, into: &canonical)
            canonical.withUnsafeBufferPointer { text in
                var string: [UInt8] = []
                guard JSON.appendRawString(ofCanonical: text, into: &string) else {
                    // Not a string: JSON, as without -r.
                    let start = buffer.count
                    buffer.append(contentsOf: text)
                    if !ascii { toUTF8(&buffer, from: start) }
                    return
                }
                if terminal {
                    KeyDisplay.appendForTerminal(string[...], keeping: [0x0A, 0x09], to: &buffer)
                } else {
                    buffer.append(contentsOf: string)
                }
            }
        }
    }

    /// The canonical text at `buffer[start...]` in UTF-8 (``JSON/appendUTF8(ofCanonical:keepingC1Escaped:into:)``);
    /// text without an escape it changes (`\u` other than `\u0000`...`\u007e`) is left as it is,
    /// without a copy.
    private func toUTF8(_ buffer: inout [UInt8], from start: Int) {
        let needed = buffer.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return false }
            var index = start
            // Most values have no backslash at all: memchr skips them at once.
            while index + 5 < bytes.count,
                let found = memchr(base + index, Int32(UInt8(ascii: "\\")), bytes.count - index - 5)
            {
                index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                // `\u0000`...`\u007e` stay as they are; DEL and beyond may not.
                let low =
                    bytes[index + 2] == UInt8(ascii: "0") && bytes[index + 3] == UInt8(ascii: "0")
                    && ((UInt8(ascii: "0")...UInt8(ascii: "6")).contains(bytes[index + 4])
                        || (bytes[index + 4] == UInt8(ascii: "7") && bytes[index + 5] != UInt8(ascii: "f")))
                if bytes[index + 1] == UInt8(ascii: "u"), !low { return true }
                index += 2
            }
            return false
        }
        guard needed else { return }
        let text = Array(buffer[start...])
        buffer.removeSubrange(start...)
        text.withUnsafeBufferPointer {
            JSON.appendUTF8(ofCanonical: $0, keepingC1Escaped: escapesC1, into: &buffer)
        }
    }
}
