/// How to connect: timeout, client name and a password that overrides the URL's.
public struct RedisConnectionOptions: Sendable {
    /// Seconds allowed for connecting, and for each whole reply: from when a read starts waiting
    /// for a reply until its last byte, so a server that drips a reply (or sends one that never
    /// ends) is a `.timeout` after this long, however steadily bytes come. Each reply of a
    /// pipeline has its own: a long pipeline whose replies keep coming never times out. Sending
    /// waits this long for the socket to take more bytes. Blocking commands pass their own wait
    /// (`readReply(timeout:)`). A negative, infinite or NaN value waits forever; values beyond
    /// 10⁹ s are clamped to 10⁹ s.
    ///
    /// A reply's size is bounded too, whatever the timeout (`RESPParser.Limits`): a bulk string
    /// of at most 512 MiB (Redis' `proto-max-bulk-len`), at most 2²⁴ elements and 1 GiB in one
    /// reply. A reply that claims more is refused on its header, before anything is allocated:
    /// a `.protocolViolation` naming the limit, and the connection is unusable.
    public var timeout: Double = 5
    /// Sent as `CLIENT SETNAME` after connecting; `nil` skips it.
    public var clientName: String?
    /// Overrides the URL's password when set (e.g. from `POTTERY_PASSWORD`).
    public var password: String?
    /// TLS settings: used when the URL is `rediss://`, or for any URL when `tls.required` is set
    /// (`--tls`). Certificates alone never turn TLS on.
    public var tls = RedisTLSOptions()
    /// Whether connecting asks the server if it is a Redis Cluster node (`CLUSTER SHARDS`, sent
    /// with the handshake) and, if so, routes every command to the master serving its keys.
    /// Off: a plain connection to that one node, which answers MOVED for keys it does not serve.
    public var clusterRouting = true
    /// Asked before every wait on a socket (connect, send, reply), and whenever a signal cuts a
    /// wait or a pause between retries short (`EINTR`, from a handler without `SA_RESTART`):
    /// returning `true` abandons the wait with kind `.interrupted` and leaves the connection
    /// unusable; `false` (or `nil`) keeps waiting with the time left.
    public var interruptCheck: (@Sendable () -> Bool)?
    /// Ends every wait (connect, send, reply, blocking commands included) at once when raised
    /// from another thread, as `interruptCheck` does between waits: kind `.interrupted`, the
    /// connection unusable. ``RedisConnectionPool`` gives each of its connections one.
    public var cancellation: RedisCancellation?

    /// What waits poll beside their socket: the cancellation's read end, or -1.
    var wakeDescriptor: Int32 { cancellation?.readDescriptor ?? -1 }

    public init(
        timeout: Double = 5, clientName: String? = nil, password: String? = nil,
        interruptCheck: (@Sendable () -> Bool)? = nil
    ) {
        self.timeout = timeout
        self.clientName = clientName
        self.password = password
        self.interruptCheck = interruptCheck
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
