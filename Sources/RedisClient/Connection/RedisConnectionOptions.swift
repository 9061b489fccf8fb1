/// How to connect: timeout, client name and a password that overrides the URL's.
public struct RedisConnectionOptions: Sendable {
    /// Seconds allowed for connecting, and for each wait for a reply (or for the socket to take
    /// more bytes): a server that makes no progress for this long is a `.timeout`. A negative or
    /// infinite value waits forever.
    public var timeout: Double = 5
    /// Sent as `CLIENT SETNAME` after connecting; `nil` skips it.
    public var clientName: String? = "pottery"
    /// Overrides the URL's password when set (e.g. from `POTTERY_PASSWORD`).
    public var password: String?

    public init(timeout: Double = 5, clientName: String? = "pottery", password: String? = nil) {
        self.timeout = timeout
        self.clientName = clientName
        self.password = password
    }
}

extension RedisConnectionOptions: CustomStringConvertible, CustomReflectable {
    public var description: String {
        "RedisConnectionOptions(timeout: \(timeout), clientName: \(clientName ?? "nil"), password: "
            + (password == nil ? "nil" : "***") + ")"
    }

    /// Keeps the password out of `dump()` and debuggers' child lists.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "timeout": timeout, "clientName": clientName as Any,
                "password": password == nil ? "nil" : "***",
            ])
    }
}
