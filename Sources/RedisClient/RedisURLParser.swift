/// The parser behind `RedisURL(parsing:)`, over the URL's UTF-8 bytes.
struct RedisURLParser {
    private let bytes: [UInt8]

    init(_ text: String) {
        var bytes = Array(text.utf8)
        while let last = bytes.last, isSpace(last) { bytes.removeLast() }
        let leading = bytes.prefix(while: isSpace).count
        self.bytes = Array(bytes.dropFirst(leading))
    }

    mutating func parse() throws(RedisError) -> RedisURL {
        guard !bytes.isEmpty else { throw invalid("the URL is empty") }
        guard let separator = find(Array("://".utf8), in: bytes[...]) else {
            if bytes.first == UInt8(ascii: "/") { return try parseUnix(bytes[...]) }
            return try parseTCP(bytes[...])
        }
        let scheme = String(decoding: bytes[..<separator], as: UTF8.self).lowercased()
        let rest = bytes[(separator + 3)...]
        switch scheme {
        case "redis": return try parseTCP(rest)
        case "unix": return try parseUnix(rest)
        case "rediss":
            var url = try parseTCP(rest)
            url.tls = true
            return url
        default: throw invalid("unsupported scheme (expected redis://, rediss:// or unix://)")
        }
    }

    // MARK: - redis://

    private func parseTCP(_ rest: ArraySlice<UInt8>) throws(RedisError) -> RedisURL {
        let (main, query) = split(rest, at: UInt8(ascii: "?"))
        let authorityEnd = main.firstIndex(of: UInt8(ascii: "/")) ?? main.endIndex
        let authority = main[..<authorityEnd]
        if main.contains(UInt8(ascii: "#")) || main[authorityEnd...].contains(UInt8(ascii: "@")) {
            throw invalid("reserved characters (@ : / ? # %) in a user or password must be percent-encoded")
        }
        var url = RedisURL(endpoint: .tcp(host: "localhost", port: RedisURL.defaultPort))
        var hostPort = authority
        if let at = authority.lastIndex(of: UInt8(ascii: "@")) {
            try parseUserInfo(authority[..<at], into: &url)
            hostPort = authority[(at + 1)...]
        }
        url.endpoint = try parseHostPort(hostPort)
        if authorityEnd < main.endIndex {
            let path = main[(authorityEnd + 1)...]
            if !path.isEmpty { url.db = try parseDB(path) }
        }
        if let query { try parseQuery(query, into: &url) }
        return url
    }

    private func parseHostPort(_ text: ArraySlice<UInt8>) throws(RedisError) -> RedisURL.Endpoint {
        var host: String
        var portText: ArraySlice<UInt8>?
        if text.first == UInt8(ascii: "[") {
            guard let close = text.firstIndex(of: UInt8(ascii: "]")) else {
                throw invalid("unterminated '[' in an IPv6 address")
            }
            host = try parseIPv6(text[(text.startIndex + 1)..<close])
            let after = text[(close + 1)...]
            if !after.isEmpty {
                guard after.first == UInt8(ascii: ":") else { throw invalid("unexpected text after ']'") }
                portText = after.dropFirst()
            }
        } else {
            let (name, port) = split(text, at: UInt8(ascii: ":"))
            guard name.allSatisfy(isHostByte) else {
                throw invalid("the host name has invalid characters (IPv6 addresses go in brackets)")
            }
            host = name.isEmpty ? "localhost" : String(decoding: name, as: UTF8.self)
            portText = port
        }
        var port = RedisURL.defaultPort
        if let portText {
            guard let value = decimal(portText), (1...65535).contains(value) else {
                throw invalid("the port must be a number from 1 to 65535")
            }
            port = value
        }
        if host.isEmpty { host = "localhost" }
        return .tcp(host: host, port: port)
    }

    private func parseIPv6(_ text: ArraySlice<UInt8>) throws(RedisError) -> String {
        let (address, zone) = split(text, at: UInt8(ascii: "%"))
        guard address.contains(UInt8(ascii: ":")), address.allSatisfy(isIPv6Byte) else {
            throw invalid("invalid IPv6 address in brackets")
        }
        var host = String(decoding: address, as: UTF8.self)
        if let zone {
            // RFC 6874: the zone separator is written %25.
            guard zone.starts(with: Array("25".utf8)), zone.count > 2,
                zone.dropFirst(2).allSatisfy(isHostByte)
            else { throw invalid("invalid IPv6 zone (write it as %25zone)") }
            host += "%" + String(decoding: zone.dropFirst(2), as: UTF8.self)
        }
        return host
    }

    // MARK: - unix://

    private func parseUnix(_ rest: ArraySlice<UInt8>) throws(RedisError) -> RedisURL {
        var url = RedisURL(endpoint: .unix(path: "/"))
        var main = rest
        var query: ArraySlice<UInt8>?
        if let mark = rest.firstIndex(of: UInt8(ascii: "?")) {
            main = rest[..<mark]
            query = rest[(mark + 1)...]
        }
        if main.first != UInt8(ascii: "/") {
            guard let slash = main.firstIndex(of: UInt8(ascii: "/")), slash > main.startIndex,
                main[slash - 1] == UInt8(ascii: "@")
            else { throw invalid("a unix URL needs an absolute socket path: unix:///path/to/redis.sock") }
            try parseUserInfo(main[..<(slash - 1)], into: &url)
            main = main[slash...]
        }
        let path = try percentDecode(main, what: "socket path")
        guard path.count > 1 else { throw invalid("the unix socket path is empty") }
        url.endpoint = .unix(path: path)
        if let query { try parseQuery(query, into: &url) }
        return url
    }

    // MARK: - Shared pieces

    private func parseUserInfo(_ text: ArraySlice<UInt8>, into url: inout RedisURL) throws(RedisError) {
        let (first, second) = split(text, at: UInt8(ascii: ":"))
        if let second {
            let user = try percentDecode(first, what: "user name")
            url.user = user.isEmpty ? nil : user
            let password = try percentDecode(second, what: "password")
            url.password = password.isEmpty ? nil : password
        } else {
            let password = try percentDecode(first, what: "password")
            url.password = password.isEmpty ? nil : password
        }
    }

    private func parseDB(_ text: ArraySlice<UInt8>) throws(RedisError) -> Int {
        guard let db = decimal(text), db <= Int(Int32.max) else {
            throw invalid("the database must be a non-negative number")
        }
        return db
    }

    private func parseQuery(_ query: ArraySlice<UInt8>, into url: inout RedisURL) throws(RedisError) {
        for pair in query.split(separator: UInt8(ascii: "&")) {
            let (name, value) = split(pair, at: UInt8(ascii: "="))
            switch String(decoding: name, as: UTF8.self) {
            case "db":
                url.db = try parseDB(value ?? [])
            case "password":
                let password = try percentDecode(value ?? [], what: "password")
                url.password = password.isEmpty ? nil : password
            case "username", "user":
                let user = try percentDecode(value ?? [], what: "user name")
                url.user = user.isEmpty ? nil : user
            default:
                continue
            }
        }
    }

    private func percentDecode(_ text: ArraySlice<UInt8>, what: String) throws(RedisError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < text.endIndex, let high = hexValue(text[index + 1]),
                    let low = hexValue(text[index + 2])
                else { throw invalid("invalid percent-encoding in the \(what)") }
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(byte)
                index += 1
            }
        }
        guard let decoded = String(validating: out, as: UTF8.self) else {
            throw invalid("the \(what) is not valid UTF-8 after percent-decoding")
        }
        return decoded
    }

    private func invalid(_ why: String) -> RedisError {
        RedisError(kind: .invalidURL, message: "invalid Redis URL: " + why, server: "")
    }
}

// MARK: - Byte helpers

private func split(_ text: ArraySlice<UInt8>, at separator: UInt8) -> (ArraySlice<UInt8>, ArraySlice<UInt8>?)
{
    guard let index = text.firstIndex(of: separator) else { return (text, nil) }
    return (text[..<index], text[(index + 1)...])
}

private func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    var index = haystack.startIndex
    while index + needle.count <= haystack.endIndex {
        if haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
        index += 1
    }
    return nil
}

private func decimal(_ text: ArraySlice<UInt8>) -> Int? {
    guard !text.isEmpty, text.count <= 10, text.allSatisfy(isDigit) else { return nil }
    return text.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
}

private func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
}

private func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
}

private func isSpace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
        || byte == UInt8(ascii: "\r")
}

private func isHostByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"):
        true
    default:
        false
    }
}

private func isIPv6Byte(_ byte: UInt8) -> Bool {
    hexValue(byte) != nil || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
}
