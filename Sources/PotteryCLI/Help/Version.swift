import CPotteryReadline
import RedisClient

/// The program's version, printed by `--version` and in help.
public enum Version {
    public static let current = "0.1.0"

    /// `Swift 6.3; TLS: yes; readline: yes`, for `--version`'s first line (what this machine lacks
    /// is said instead of yes: OpenSSL and readline are loaded on demand, not linked).
    static var build: String {
        let tls = RedisTLSOptions.unavailability.map { "no (\($0))" } ?? "yes"
        let readline = prl_load() == 0 ? "yes" : "no (\(String(cString: prl_load_error())))"
        return "Swift \(swiftVersion); TLS: \(tls); readline: \(readline)"
    }

    private static var swiftVersion: String {
        #if compiler(>=6.4)
            "6.4 or later"
        #elseif compiler(>=6.3)
            "6.3"
        #elseif compiler(>=6.2)
            "6.2"
        #else
            "6.1 or earlier"
        #endif
    }
}
