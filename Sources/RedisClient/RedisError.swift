/// A failure talking to Redis, with enough context to be rendered once, as one line, at the CLI edge.
///
/// `server` is always the redacted address (`RedisURL.redacted`): an error never carries a password.
public struct RedisError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, as an open set: compare with `==` (or `case .timeout:` in a `switch`,
    /// which needs a `default`). Layers above may add their own kinds with `init(_:)`.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        /// A short lowercase name, e.g. `timeout`.
        public let name: String

        public init(_ name: String) {
            self.name = name
        }

        public var description: String { name }

        /// The server could not be reached (refused, unknown host, no route, ...).
        public static let connect = Kind("connect")
        /// No progress within the timeout (connect, write or reply).
        public static let timeout = Kind("timeout")
        /// The server closed the connection or it broke mid-command, or it is closed.
        public static let connectionLost = Kind("connectionLost")
        /// The server sent bytes that are not valid RESP2, or a reply of the wrong shape.
        public static let protocolViolation = Kind("protocolViolation")
        /// The server answered with an error reply.
        public static let server = Kind("server")
        /// AUTH failed, or the server requires authentication (`NOAUTH`, `WRONGPASS`).
        public static let authentication = Kind("authentication")
        /// The URL could not be parsed.
        public static let invalidURL = Kind("invalidURL")
        /// A wait was abandoned because `RedisConnectionOptions.interruptCheck` said so
        /// (e.g. after SIGINT); the connection is unusable afterwards.
        public static let interrupted = Kind("interrupted")
        /// Too few servers agreed (Redlock, NextId): a quorum was impossible.
        public static let quorum = Kind("quorum")
    }

    public var kind: Kind
    /// The server's error code: the first word of its error reply when that word is uppercase
    /// (`WRONGTYPE`, `NOAUTH`, `WRONGPASS`, `ERR`, `NOSCRIPT`, ...); `nil` for client-side errors.
    public var code: String?
    /// Human text, without the code.
    public var message: String
    /// The redacted server address.
    public var server: String
    /// The failing command's name in uppercase, e.g. `HGET`, when known.
    public var command: String?

    public init(kind: Kind, code: String? = nil, message: String, server: String, command: String? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.server = server
        self.command = command
    }

    /// `server: COMMAND: CODE message`, leaving out what is unknown.
    public var description: String {
        var parts: [String] = []
        if !server.isEmpty { parts.append(server) }
        if let command { parts.append(command) }
        var why = code ?? ""
        if !message.isEmpty { why += why.isEmpty ? message : " " + message }
        parts.append(why.isEmpty ? "\(kind)" : why)
        return parts.joined(separator: ": ")
    }
}

extension RedisError {
    /// An error built from an error reply (its bytes without the leading `-`).
    /// `NOAUTH` and `WRONGPASS` become `.authentication`; everything else is `.server`.
    public init(reply: [UInt8], server: String, command: String?) {
        let text = Self.withoutScriptLocation(String(decoding: reply, as: UTF8.self))
        var code: String?
        var message = text
        let word = text.prefix { $0 != " " }
        if !word.isEmpty, word.unicodeScalars.allSatisfy(Self.isCodeScalar),
            word.unicodeScalars.contains(where: { $0.value >= 0x41 && $0.value <= 0x5A })
        {
            code = String(word)
            message = String(text.dropFirst(word.count).drop { $0 == " " })
        }
        let kind: Kind = code == "NOAUTH" || code == "WRONGPASS" ? .authentication : .server
        self.init(kind: kind, code: code, message: message, server: server, command: command)
    }

    /// A script's error says where in the script it happened, and each server says it its own way:
    /// Redis 6.2 wraps the error (`ERR Error running script (call to f_SHA): @user_script:2:
    /// WRONGTYPE Operation ...`), Redis 7 and Valkey append to it (`WRONGTYPE Operation ... script:
    /// SHA, on @user_script:2.`). What a user acts on is the error itself, the same on every server.
    static func withoutScriptLocation(_ text: String) -> String {
        if text.hasPrefix("ERR Error running script (call to f_"),
            let marker = text.firstRange(of: "): @user_script:")
        {
            let rest = text[marker.upperBound...].drop { $0.isNumber }
            if rest.hasPrefix(": ") {
                // An error of the script itself has no code of its own: it stays an ERR.
                let error = rest.dropFirst(2)
                let word = error.prefix { $0 != " " }
                let coded = !word.isEmpty && word.unicodeScalars.allSatisfy(isCodeScalar)
                return coded ? String(error) : "ERR " + error
            }
        }
        if text.hasSuffix("."), let marker = text.ranges(of: " script: ").last,
            text[marker.upperBound...].contains(", on @user_script:")
        {
            return String(text[..<marker.lowerBound])
        }
        return text
    }

    private static func isCodeScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "0"..."9", "_", "-": true
        default: false
        }
    }

    /// The uppercased name of a command (with its subcommand for `CLIENT`, `SCRIPT`, ...).
    static func commandName(_ arguments: some Collection<[UInt8]>) -> String {
        guard let first = arguments.first else { return "" }
        let name = String(decoding: first.prefix(64), as: UTF8.self).uppercased()
        guard containerCommands.contains(name), arguments.count > 1 else { return name }
        let second = arguments[arguments.index(after: arguments.startIndex)]
        return name + " " + String(decoding: second.prefix(64), as: UTF8.self).uppercased()
    }

    private static let containerCommands: Set<String> = [
        "ACL", "CLIENT", "CLUSTER", "COMMAND", "CONFIG", "FUNCTION", "MEMORY", "MODULE", "OBJECT",
        "PUBSUB", "SCRIPT", "SLOWLOG", "XGROUP", "XINFO",
    ]
}
