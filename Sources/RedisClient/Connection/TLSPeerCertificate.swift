/// What a TLS server's certificate says of itself, read after the handshake (`pottery doctor`
/// shows it): whose it is and when it stops being valid.
public struct TLSPeerCertificate: Sendable, Equatable {
    /// The subject's common name; empty when it has none.
    public let commonName: String
    /// The end of its validity (notAfter), in seconds since the Unix epoch.
    public let notAfter: Int64
}
