/// Whether a REPL line carries a password, so that it is never written to the history file: any URL
/// option (`-u`, `--url`, `--master`, in any spelling), a word naming `AUTH` (or `HELLO`, `MIGRATE`,
/// raw commands that may carry one), or a URL with user
/// information (`scheme://user:password@...`, `scheme://secret@...`). Errs on the side of keeping a
/// line out; a line that does not split is judged on its raw words.
enum SecretLine {
    static func carriesSecret(_ line: [UInt8]) -> Bool {
        let words: [[UInt8]]
        if let split = try? ShellWords.split(bytes: line) {
            words = split.map(\.bytes) + rawWords(line)
        } else {
            words = rawWords(line)
        }
        return words.contains(where: isSecretWord)
    }

    private static func rawWords(_ line: [UInt8]) -> [[UInt8]] {
        line.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }).map {
            Array($0.filter { $0 != UInt8(ascii: "'") && $0 != UInt8(ascii: "\"") })
        }
    }

    private static func isSecretWord(_ word: [UInt8]) -> Bool {
        let text = String(decoding: word, as: UTF8.self)
        let lower = text.lowercased()
        // Raw commands that carry a password: AUTH, HELLO ... AUTH, MIGRATE ... AUTH/AUTH2.
        if ["auth", "auth2", "hello", "migrate"].contains(lower) || lower.hasPrefix("auth ") { return true }
        if ["--url", "--master", "-u"].contains(text) { return true }
        if text.hasPrefix("--url=") || text.hasPrefix("--master=") { return true }
        // A cluster of short options holding -u (`-ru`, `-uURL`).
        if text.hasPrefix("-"), !text.hasPrefix("--"), CommandLineScanner.looksLikeOption(text),
            text.contains("u")
        {
            return true
        }
        if let scheme = text.firstRange(of: "://") {
            let authority = text[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" }
            if authority.contains("@") { return true }
            if text.contains("password=") { return true }
        }
        return false
    }
}
