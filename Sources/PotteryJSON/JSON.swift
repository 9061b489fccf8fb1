/// JSON exactly as Python 3's json module reads and writes it: the canonical text of a value is
/// `json.dumps(json.loads(text), sort_keys=True)`, byte for byte.
public enum JSON {
    // MARK: Parsing

    /// Strict parse of one complete JSON text (RFC 8259 plus Python's `NaN`, `Infinity`,
    /// `-Infinity`; JSON whitespace around it; nothing else after it). The input must be valid
    /// UTF-8. Integers over 4300 digits and nesting deeper than 995 (Python's limit) are rejected.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONError) -> JSONValue {
        try withByteWriter(stackBytes: 512) { (scratch: inout ByteWriter) throws(JSONError) in
            var parser = JSONParser(bytes, scratch: scratch)
            defer { scratch = parser.scratch }
            return try parser.parseDocument()
        }
    }

    public static func parse(_ bytes: [UInt8]) throws(JSONError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { p throws(JSONError) in try parse(p) }
    }

    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONError) -> JSONValue {
        try withContiguous(bytes) { p throws(JSONError) in try parse(p) }
    }

    public static func parse(_ text: String) throws(JSONError) -> JSONValue {
        try parse(text.utf8)
    }

    // MARK: Encoding

    /// Appends the canonical text of `value` to `out`.
    public static func encode(_ value: JSONValue, into out: inout [UInt8]) {
        appendWriting(to: &out) { appendCanonical(value, into: &$0) }
    }

    /// Appends bytes taken as a literal string (`-s` mode) as a canonical JSON string literal,
    /// quotes included: Python's `json.dumps(raw.decode("utf-8", "surrogateescape"))`, which is
    /// what Python stores for a `sys.argv` string. Bytes that are not well-formed UTF-8 (truncated
    /// or overlong sequences, encoded surrogates, 0xF5...0xFF, stray continuation bytes) become
    /// one lone surrogate each, `\udc80`...`\udcff`; `appendRawString(ofCanonical:into:)` turns
    /// them back into the same bytes.
    public static func encodeString(_ utf8: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        appendWriting(to: &out, sizeHint: utf8.count) {
            appendStringLiteral(utf8, .surrogateEscape, into: &$0)
        }
    }

    public static func encodeString(_ utf8: [UInt8], into out: inout [UInt8]) {
        utf8.withUnsafeBufferPointer { encodeString($0, into: &out) }
    }

    /// The canonical JSON string literal of `string`.
    public static func encodeString(_ string: String) -> String {
        var out: [UInt8] = []
        withContiguous(string.utf8) { encodeString($0, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Python's `repr(float)` (shortest round-trip digits in Python's layout), except that
    /// infinities and NaN are written as JSON writes them: `Infinity`, `-Infinity`, `NaN`.
    public static func pythonRepr(_ d: Double) -> String {
        withByteWriter(stackBytes: 64) { out in
            appendPythonRepr(d, into: &out)
            return String(decoding: out.bytes, as: UTF8.self)
        }
    }

    // MARK: Canonicalizing

    /// Appends the canonical text of the JSON text `input`, without building a tree.
    /// Throws if `input` is not valid JSON; `out` is then left as it was.
    public static func canonicalize(_ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8])
        throws(JSONError)
    {
        try appendWriting(to: &out, sizeHint: input.count) { (writer: inout ByteWriter) throws(JSONError) in
            var canonicalizer = Canonicalizer(input)
            try canonicalizer.run(into: &writer)
        }
    }

    public static func canonicalize(_ input: [UInt8], into out: inout [UInt8]) throws(JSONError) {
        try input.withUnsafeBufferPointer { p throws(JSONError) in try canonicalize(p, into: &out) }
    }

    /// The canonical text of the JSON text `text`.
    public static func canonicalize(_ text: String) throws(JSONError) -> String {
        var out: [UInt8] = []
        try withContiguous(text.utf8) { p throws(JSONError) in try canonicalize(p, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// "Auto" mode: if `input` is a complete valid JSON text, appends its canonical text and
    /// returns true; otherwise appends `input` taken as a literal string exactly as
    /// `encodeString(_:into:)` does (invalid UTF-8 as `\udcXX`, like Python's surrogateescape),
    /// and returns false. Input that is not valid UTF-8 is never JSON.
    @discardableResult
    public static func canonicalizeAuto(_ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool
    {
        appendWriting(to: &out, sizeHint: input.count) { writer in
            var canonicalizer = Canonicalizer(input)
            do {
                try canonicalizer.run(into: &writer)
                return true
            } catch {
                writer.truncate(to: 0)
                appendStringLiteral(input, .surrogateEscape, into: &writer)
                return false
            }
        }
    }

    @discardableResult
    public static func canonicalizeAuto(_ input: [UInt8], into out: inout [UInt8]) -> Bool {
        input.withUnsafeBufferPointer { canonicalizeAuto($0, into: &out) }
    }

    /// The canonical text of `text` in auto mode.
    public static func canonicalizeAuto(_ text: String) -> String {
        var out: [UInt8] = []
        _ = withContiguous(text.utf8) { canonicalizeAuto($0, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Raw output

    /// For `jq -r`-style output: if `canonical` is exactly one JSON string literal, appends its
    /// decoded UTF-8 content and returns true; otherwise appends nothing and returns false.
    ///
    /// A lone surrogate U+DC80...U+DCFF is written as the byte it escapes (Python's
    /// `str.encode("utf-8", "surrogateescape")`), so bytes that were not UTF-8 when stored come
    /// back unchanged; any other lone surrogate is written as U+FFFD.
    public static func appendRawString(
        ofCanonical canonical: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]
    ) -> Bool {
        guard canonical.count >= 2 && canonical[0] == .quote else { return false }
        return withByteWriter { writer in
            guard
                let end = try? scanStringLiteral(
                    canonical, quote: 0, into: &writer, as: SurrogateEscapeUTF8Writer.self),
                end == canonical.count
            else { return false }
            out.append(contentsOf: writer.bytes)
            return true
        }
    }

    public static func appendRawString(ofCanonical canonical: [UInt8], into out: inout [UInt8]) -> Bool {
        canonical.withUnsafeBufferPointer { appendRawString(ofCanonical: $0, into: &out) }
    }
}

/// Runs `body` on contiguous bytes of `bytes`, copying them only if they are not contiguous.
private func withContiguous<C: Collection<UInt8>, R, E: Error>(
    _ bytes: C, _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R
) throws(E) -> R {
    let result = bytes.withContiguousStorageIfAvailable { p in Result { () throws(E) in try body(p) } }
    if let result { return try result.get() }
    return try Array(bytes).withUnsafeBufferPointer { p throws(E) in try body(p) }
}
