import CPotteryTLS
/// TLS settings of a connection (`rediss://`, `--tls`), named after redis-cli's flags.
public struct RedisTLSOptions: Sendable, Equatable {
    /// TLS even for a `redis://` or `unix://` URL (`--tls`). A `rediss://` URL needs no flag.
    public var required = false
    /// PEM file of the CAs that may sign the server's certificate (`--cacert`); nil: the system's.
    public var caFile: String?
    /// PEM client certificate chain (`--cert`) and its key (`--key`), for servers that ask for one.
    public var certFile: String?
    public var keyFile: String?
    /// Verify the server's certificate and host name (the default). `false` is `--insecure`.
    public var verify = true
    /// The name to verify and send as SNI when it is not the URL's host (e.g. over a unix socket).
    public var serverName: String?

    public init() {}

    /// Whether a connection to `url` speaks TLS: the URL says so, or TLS is required.
    public func applies(to url: RedisURL) -> Bool { url.tls || required }
}

extension RedisTLSOptions {
    /// Why TLS cannot be spoken here (OpenSSL cannot be loaded), or nil: it can. Loads OpenSSL.
    public static var unavailability: String? {
        pottery_tls_problem().map { String(cString: $0) }
    }
}
