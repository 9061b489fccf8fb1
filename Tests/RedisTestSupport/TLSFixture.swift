import Foundation

/// Certificates made at test time with the `openssl` command, and a redis-server that speaks TLS on a
/// second port (its plain port serves readiness checks and setup):
/// - a CA and a server certificate for `localhost` and `127.0.0.1`;
/// - a server certificate for another name (`other.example`), and one that expired in 2020;
/// - a client certificate the CA signed, for servers that ask for one.
public final class TLSFixture: @unchecked Sendable {
    public let directory: String
    public var caFile: String { directory + "/ca.crt" }
    public var clientCert: String { directory + "/client.crt" }
    public var clientKey: String { directory + "/client.key" }

    public init() throws {
        directory = NSTemporaryDirectory() + "pottery-tls-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try openssl([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
            "-days", "2", "-subj", "/CN=pottery test CA",
        ])
        try signed("server", subject: "/CN=localhost", names: "DNS:localhost,IP:127.0.0.1")
        try signed("other", subject: "/CN=other.example", names: "DNS:other.example")
        try signed("client", subject: "/CN=pottery client", names: "DNS:client")
        try expired("expired", names: "DNS:localhost,IP:127.0.0.1")
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// A server speaking TLS on `tlsPort` with the certificate `name` (server, other, expired);
    /// `clientCertificates` makes it require one signed by the CA.
    public func startServer(certificate name: String = "server", clientCertificates: Bool = false) throws
        -> (server: RedisServerProcess, tlsPort: Int)
    {
        let tlsPort = freeLoopbackPort()
        let server = try RedisServerProcess.start(extraArguments: [
            "--tls-port", "\(tlsPort)", "--tls-cert-file", "\(directory)/\(name).crt",
            "--tls-key-file", "\(directory)/\(name).key", "--tls-ca-cert-file", caFile,
            "--tls-auth-clients", clientCertificates ? "yes" : "no",
        ])
        return (server, tlsPort)
    }

    private func signed(_ name: String, subject: String, names: String) throws {
        try openssl([
            "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(name).key", "-out", "\(name).csr",
            "-subj", subject,
        ])
        try "subjectAltName=\(names)\n".write(
            toFile: "\(directory)/\(name).ext", atomically: true, encoding: .utf8)
        try openssl([
            "x509", "-req", "-in", "\(name).csr", "-CA", "ca.crt", "-CAkey", "ca.key",
            "-CAcreateserial", "-out", "\(name).crt", "-days", "2", "-extfile", "\(name).ext",
        ])
    }

    /// A certificate valid only on 1 January 2020, through `openssl ca`, which takes explicit dates.
    private func expired(_ name: String, names: String) throws {
        try openssl([
            "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(name).key", "-out", "\(name).csr",
            "-subj", "/CN=localhost",
        ])
        try "".write(toFile: "\(directory)/index.txt", atomically: true, encoding: .utf8)
        let config = """
            [ca]
            default_ca = test
            [test]
            dir = \(directory)
            database = \(directory)/index.txt
            new_certs_dir = \(directory)
            serial = \(directory)/ca.srl
            default_md = sha256
            policy = any
            copy_extensions = none
            x509_extensions = names
            [any]
            commonName = supplied
            [names]
            subjectAltName = \(names)
            """
        try config.write(toFile: "\(directory)/ca.cnf", atomically: true, encoding: .utf8)
        try openssl([
            "ca", "-batch", "-config", "ca.cnf", "-cert", "ca.crt", "-keyfile", "ca.key",
            "-in", "\(name).csr", "-out", "\(name).crt", "-startdate", "20200101000000Z",
            "-enddate", "20200102000000Z", "-notext",
        ])
    }

    private func openssl(_ arguments: [String]) throws {
        let result = runProcess(
            "/bin/sh", ["-c", "cd \"$1\" && shift && exec openssl \"$@\"", "sh", directory] + arguments,
            timeout: 60)
        guard result.status == 0 else {
            throw TestSupportError("openssl \(arguments.first ?? "") failed: \(result.stderrText)")
        }
    }
}
