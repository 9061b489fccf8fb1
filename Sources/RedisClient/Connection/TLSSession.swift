import CPotteryTLS
import Glibc

/// One TLS session over a connected non-blocking socket, through OpenSSL loaded on first use
/// (CPotteryTLS). Reads and writes report, like `Socket`'s, how much moved or that the socket must
/// be waited on; which way to wait is `wantsRead`/`wantsWrite` (TLS may need to write to read).
final class TLSSession {
    private let handle: OpaquePointer
    /// What the last operation that could not finish waits for.
    private(set) var wantsRead = false
    private(set) var wantsWrite = false
    /// Why the last operation failed, when it was TLS and not the socket.
    private(set) var failure: String?

    init(fd: Int32, host: String?, options: RedisTLSOptions) throws(SocketFailure) {
        var error = [CChar](repeating: 0, count: 512)
        let made: OpaquePointer? = withOptionalCString(options.caFile) { ca in
            withOptionalCString(options.certFile) { cert in
                withOptionalCString(options.keyFile) { key in
                    withOptionalCString(host) { host in
                        var config = pottery_tls_config(
                            ca_file: ca, cert_file: cert, key_file: key, verify: options.verify ? 1 : 0,
                            host: host)
                        return pottery_tls_new(fd, &config, &error, error.count)
                    }
                }
            }
        }
        guard let made else {
            throw SocketFailure(kind: .connect, message: "TLS: " + text(error))
        }
        handle = made
    }

    deinit { pottery_tls_free(handle) }

    enum Step {
        case done
        case waiting
        case failed(String)
    }

    /// One step of the handshake; on `.waiting`, wait for `wantsRead`/`wantsWrite`.
    func handshake() -> Step {
        var error = [CChar](repeating: 0, count: 512)
        let result = Int(pottery_tls_handshake(handle, &error, error.count))
        wantsRead = result == POTTERY_TLS_WANT_READ
        wantsWrite = result == POTTERY_TLS_WANT_WRITE
        if result == POTTERY_TLS_DONE { return .done }
        if wantsRead || wantsWrite { return .waiting }
        return .failed(text(error))
    }

    /// The server's certificate, once the handshake is done; nil when this OpenSSL cannot say.
    func peerCertificate() -> TLSPeerCertificate? {
        var notAfter: Int64 = 0
        var name = [CChar](repeating: 0, count: 256)
        guard pottery_tls_peer_certificate(handle, &notAfter, &name, name.count) == 1 else { return nil }
        return TLSPeerCertificate(commonName: text(name), notAfter: notAfter)
    }

    func send(_ bytes: UnsafeRawBufferPointer) -> Socket.IOResult {
        var code: Int32 = 0
        var error = [CChar](repeating: 0, count: 256)
        let result = pottery_tls_write(handle, bytes.baseAddress, bytes.count, &code, &error, error.count)
        return outcome(result, code, error)
    }

    /// Reads into the parser until the session holds no decrypted bytes, so that waiting on the
    /// socket afterwards can never miss data that already arrived.
    func receive(into parser: inout RESPParser) -> Socket.IOResult {
        var total = 0
        while true {
            var code: Int32 = 0
            var error = [CChar](repeating: 0, count: 256)
            let result = parser.readInto { space in
                let read = pottery_tls_read(
                    handle, space.baseAddress, space.count, &code, &error, error.count)
                return read > 0 ? Int(read) : Int(read) - 1_000_000
            }
            if result > 0 {
                total += result
                if pottery_tls_pending(handle) > 0 { continue }
                wantsRead = false
                wantsWrite = false
                return .transferred(total)
            }
            if total > 0 { return .transferred(total) }
            return outcome(Int(result + 1_000_000), code, error)
        }
    }

    private func outcome(_ result: Int, _ code: Int32, _ error: [CChar]) -> Socket.IOResult {
        wantsRead = result == POTTERY_TLS_WANT_READ
        wantsWrite = result == POTTERY_TLS_WANT_WRITE
        if result > 0 { return .transferred(result) }
        if wantsRead || wantsWrite { return .wouldBlock }
        if result == POTTERY_TLS_CLOSED { return .closed }
        if code != 0 { return .failed(code) }
        failure = text(error)
        return .failed(EPROTO)
    }
}

/// Calls `body` with a C string of `text`, or nil.
private func withOptionalCString<T>(_ text: String?, _ body: (UnsafePointer<CChar>?) -> T) -> T {
    guard let text else { return body(nil) }
    return text.withCString { body($0) }
}

/// The text of a NUL-terminated C buffer.
private func text(_ buffer: [CChar]) -> String {
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
}
