#if canImport(Glibc)
    import Glibc
#endif

/// The environment a child receives.
package enum ChildEnvironment {
    /// pottery's own environment (`environ`), with `extra` added; a variable of the same name in
    /// ours is replaced. Entries as raw `NAME=VALUE` bytes; values pass through byte for byte.
    package static func merged(with extra: [String: [UInt8]]) -> [[UInt8]] {
        var entries: [[UInt8]] = []
        var cursor = environ
        while let entry = cursor.pointee {
            let bytes = Array(UnsafeRawBufferPointer(start: entry, count: strlen(entry)))
            let name = bytes.prefix { $0 != UInt8(ascii: "=") }
            if extra[String(decoding: name, as: UTF8.self)] == nil || !isValidUTF8(name) {
                entries.append(bytes)
            }
            cursor += 1
        }
        for (name, value) in extra.sorted(by: { $0.key < $1.key }) {
            entries.append(Array("\(name)=".utf8) + value)
        }
        return entries
    }

    private static func isValidUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        String(validating: bytes, as: UTF8.self) != nil
    }
}
