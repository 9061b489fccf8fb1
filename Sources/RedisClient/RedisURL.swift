/// Where and how to connect, parsed from a URL (SPEC §2).
///
/// Accepted forms:
/// - `redis://[[user]:password@]host[:port][/db]`: port 6379 and db 0 by default; an IPv6 host
///   in brackets (`redis://[::1]:6380`); an empty host means `localhost`;
/// - `unix:///path/to/redis.sock[?db=N]`, also `unix://[[user]:password@]/path?db=N`;
/// - shorthands: `host`, `host:port`, `host:port/db` (as if prefixed with `redis://`) and an absolute
///   socket path `/path/to/redis.sock`.
///
/// User and password are percent-decoded; reserved characters in them (`@ : / ? # %`) must be
/// percent-encoded. As in redis-cli, a user-info without `:` (`redis://secret@host`) is a password.
/// An empty password counts as none. Query parameters `db`, `password` and `username` are read
/// (as in redis-py), others are ignored.
/// - `rediss://...`: as `redis://`, over TLS (`tls` is true).
///
/// A parse error never quotes the input, which may contain a password; `redacted` (also
/// `description`) shows the password as `***`.
public struct RedisURL: Sendable, Equatable {
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        case unix(path: String)
    }

    public var endpoint: Endpoint
    public var user: String?
    public var password: String?
    public var db: Int
    /// Whether the URL asks for TLS (`rediss://`).
    public var tls: Bool

    public static let defaultPort = 6379

    public init(
        endpoint: Endpoint, user: String? = nil, password: String? = nil, db: Int = 0, tls: Bool = false
    ) {
        self.endpoint = endpoint
        self.user = user
        self.password = password
        self.db = db
        self.tls = tls
    }

    public init(parsing text: String) throws(RedisError) {
        var parser = RedisURLParser(text)
        self = try parser.parse()
    }

    /// The URL with the password shown as `***`, e.g. `redis://user:***@127.0.0.1:6379/0`.
    public var redacted: String {
        var userInfo = ""
        if let user { userInfo = percentEncode(user) }
        // `user:@` keeps a user without password apart from the password-only `secret@` form.
        if password != nil || user != nil { userInfo += password == nil ? ":" : ":***" }
        if !userInfo.isEmpty { userInfo += "@" }
        switch endpoint {
        case .tcp:
            return "\(tls ? "rediss" : "redis")://\(userInfo)\(address)/\(db)"
        case .unix(let path):
            return "unix://\(userInfo)\(percentEncode(path, keeping: "/"))" + (db == 0 ? "" : "?db=\(db)")
        }
    }

    /// `host:port` (`[v6]:port`) or the socket path: the address without credentials or db.
    public var address: String {
        switch endpoint {
        case .tcp(let host, let port):
            let shown = host.contains(":") ? "[\(host.replacing("%", with: "%25"))]" : host
            return "\(shown):\(port)"
        case .unix(let path):
            return path
        }
    }
}

extension RedisURL: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { redacted }
    public var debugDescription: String { redacted }
    /// Keeps the password out of `dump()` and debuggers' child lists.
    public var customMirror: Mirror {
        Mirror(self, children: ["redacted": redacted], displayStyle: .struct)
    }
}

/// Percent-encodes everything but unreserved characters (and `keeping`).
func percentEncode(_ text: String, keeping: Unicode.Scalar? = nil) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"):
            out.append(byte)
        default:
            if let keeping, keeping.isASCII, byte == UInt8(keeping.value) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
    }
    return String(decoding: out, as: UTF8.self)
}
