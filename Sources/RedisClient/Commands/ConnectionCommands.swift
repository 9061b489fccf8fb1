// Connection management: what the handshake sends right after connecting.

/// `AUTH [user] password`: `OK`, or an error (`WRONGPASS`, `NOAUTH`) reported as an
/// authentication failure.
public struct AUTH: KeylessCommand {
    public typealias Response = RESPOK
    public static let name = "AUTH"
    public var user: String?
    public var password: String
    /// `user` nil or empty authenticates as the default user (`AUTH password`).
    public init(user: String?, password: String) {
        self.user = user.flatMap { $0.isEmpty ? nil : $0 }
        self.password = password
    }
    public var arguments: [[UInt8]] {
        [Self.nameArgument] + (user.map { [Array($0.utf8)] } ?? []) + [Array(password.utf8)]
    }
}

/// `SELECT db`: `OK`.
public struct SELECT: KeylessCommand {
    public typealias Response = RESPOK
    public static let name = "SELECT"
    public var database: Int
    public init(_ database: Int) { self.database = database }
    public var arguments: [[UInt8]] { [Self.nameArgument, database.argument] }
}

/// `CLIENT SETNAME name`: `OK`; the name `CLIENT LIST` shows.
public struct CLIENT_SETNAME: KeylessCommand {
    public typealias Response = RESPOK
    public static let name = "CLIENT"
    public static let subcommand: String? = "SETNAME"
    public var clientName: String
    public init(_ clientName: String) { self.clientName = clientName }
    public var arguments: [[UInt8]] { Self.nameArguments + [Array(clientName.utf8)] }
}

/// `INFO section`: the section's `field:value` lines as one string.
public struct INFO: KeylessCommand {
    public typealias Response = [UInt8]
    public static let name = "INFO"
    public var section: String
    public init(_ section: String) { self.section = section }
    public var arguments: [[UInt8]] { [Self.nameArgument, Array(section.utf8)] }
}
