#if canImport(Glibc)
    import Glibc
#endif
import PotterySystem

/// The process's arguments as bytes, taken before anything else and with passwords scrubbed from the
/// process title.
struct ProcessArguments {
    /// Arguments without the program name, byte for byte (`CommandLine.arguments` would repair
    /// invalid UTF-8).
    let words: [Word]
    /// Whether a URL option carried a password, which `ps` showed until it was scrubbed.
    let exposedPassword: Bool

    /// Copies argv, then overwrites the password of every `-u`/`--url`/`--master` URL in the process's
    /// own argv memory (what `ps` and `/proc/PID/cmdline` show) with `*`, as redis-cli does for `-a`.
    static func take() -> ProcessArguments {
        let count = Int(CommandLine.argc)
        var words: [Word] = []
        var exposed = false
        var urlFollows = false
        for index in 1..<max(count, 1) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let length = strlen(pointer)
            let bytes = Array(
                UnsafeBufferPointer(
                    start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: length))
            words.append(Word(bytes))
            var urlStart: Int?
            if urlFollows {
                urlStart = 0
            } else if let prefix = urlPrefixes.first(where: { bytes.starts(with: $0) }) {
                urlStart = prefix.count
            }
            urlFollows = urlOptions.contains { $0 == bytes }
            guard let start = urlStart, let range = passwordRange(in: bytes, from: start) else { continue }
            exposed = true
            for offset in range { pointer[offset] = CChar(UInt8(ascii: "*")) }
        }
        return ProcessArguments(words: words, exposedPassword: exposed)
    }

    private static let urlOptions = ["-u", "--url", "--master"].map { Array($0.utf8) }
    private static let urlPrefixes = ["--url=", "--master=", "-u"].map { Array($0.utf8) }

    /// Where the password is in `scheme://[user]:password@host...`, searching from `start`.
    static func passwordRange(in bytes: [UInt8], from start: Int) -> Range<Int>? {
        let text = bytes[start...]
        guard
            let scheme = text.withUnsafeBufferPointer({ firstASCIIRange(of: "://", in: $0) })
                .map({ (start + $0.lowerBound)..<(start + $0.upperBound) })
        else { return nil }
        let authority = text[scheme.upperBound...].prefix { $0 != UInt8(ascii: "/") }
        guard let at = authority.lastIndex(of: UInt8(ascii: "@")),
            let colon = authority[..<at].firstIndex(of: UInt8(ascii: ":")), colon + 1 < at
        else { return nil }
        return (colon + 1)..<at
    }
}
