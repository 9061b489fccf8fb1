#if canImport(Glibc)
    import Glibc
#endif
import RedisClient

/// One named connection profile (`-p NAME`, `POTTERY_PROFILE`): what it sets, each only where the
/// command line does not (the precedence: a flag, then the profile, then the environment, then the
/// default).
struct Profile: Sendable, Equatable {
    var name: String
    var url: String?
    var masters: [String] = []
    var timeout: Double?
    var caFile: String?
    var certFile: String?
    var keyFile: String?
    var valueMode: ValueMode?
}

/// The profiles file, `$XDG_CONFIG_HOME/pottery/config` (default `~/.config/pottery/config`), read
/// only when a profile is named. Its format, line by line: `# comment`, blank, `[profile NAME]`, or
/// `KEY = VALUE` (url, masters (comma- or space-separated), timeout, cacert, cert, key, values
/// (auto, string or json)). A file that holds a password and that others may read is refused, as
/// ssh refuses such a key.
enum Profiles {
    static func path(_ environment: Environment) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return config + "/pottery/config"
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + (home.hasSuffix("/") ? "" : "/") + ".config/pottery/config"
    }

    /// The profile called `name`, or a usage error that says why not (no file, no such profile, a
    /// line it cannot read, a password others may read).
    static func load(_ name: String, environment: Environment) throws(CLIError) -> Profile {
        guard let path = path(environment) else {
            throw .usage("profile '\(name)': no HOME to find its file in")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            throw .usage("profile '\(name)': cannot read \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw .usage("profile '\(name)': \(path) is not a regular file")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 1 << 20 {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            bytes += chunk[..<n]
        }
        let profiles = try parse(String(decoding: bytes, as: UTF8.self), file: path)
        if info.st_mode & 0o077 != 0, profiles.values.contains(where: holdsPassword) {
            throw .usage(
                "\(path) holds a password and others may read it (mode \(String(info.st_mode & 0o777, radix: 8))): "
                    + "chmod 600 \(path)")
        }
        guard let profile = profiles[name] else {
            let known = profiles.keys.sorted().joined(separator: ", ")
            throw .usage("no profile '\(name)' in \(path)" + (known.isEmpty ? "" : " (it has: \(known))"))
        }
        return profile
    }

    static func parse(_ text: String, file: String) throws(CLIError) -> [String: Profile] {
        var profiles: [String: Profile] = [:]
        var current: String?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: " \t\r")
            let where_ = "\(file):\(index + 1)"
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                let inner = line.dropFirst().dropLast().trimmingCharacters(in: " \t")
                let words = inner.split(separator: " ", omittingEmptySubsequences: true)
                guard line.hasSuffix("]"), words.count == 2, words[0] == "profile" else {
                    throw .usage("\(where_): a section is [profile NAME]")
                }
                current = String(words[1])
                profiles[current!] = profiles[current!] ?? Profile(name: current!)
                continue
            }
            guard let name = current else { throw .usage("\(where_): a setting before any [profile NAME]") }
            guard let equals = line.firstIndex(of: "=") else {
                throw .usage("\(where_): expected KEY = VALUE")
            }
            let key = line[..<equals].trimmingCharacters(in: " \t")
            let value = line[line.index(after: equals)...].trimmingCharacters(in: " \t")
            try set(key, value, in: &profiles[name]!, at: where_)
        }
        return profiles
    }

    private static func set(_ key: String, _ value: String, in profile: inout Profile, at location: String)
        throws(CLIError)
    {
        switch key {
        case "url": profile.url = value
        case "masters":
            profile.masters = value.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        case "timeout":
            profile.timeout = try Conversions.positiveSeconds(
                value, what: "\(location): timeout", needs: "takes")
        case "cacert": profile.caFile = value
        case "cert": profile.certFile = value
        case "key": profile.keyFile = value
        case "values":
            guard let mode = ValueMode(rawValue: value) else {
                throw .usage("\(location): values is auto, string or json, not '\(value)'")
            }
            profile.valueMode = mode
        default:
            throw .usage(
                "\(location): unknown setting '\(key)' (url, masters, timeout, cacert, cert, key, values)")
        }
    }

    private static func holdsPassword(_ profile: Profile) -> Bool {
        ([profile.url].compactMap { $0 } + profile.masters).contains { text in
            guard let url = try? RedisURL(parsing: text) else { return text.contains("@") }
            return url.password != nil
        }
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in blanks: String) -> String {
        let set = Set(blanks)
        return String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
