import RedisClient

#if canImport(Glibc)
    import Glibc
#endif

/// When a server's certificate stops being valid, as `pottery doctor` says it: `expires
/// 2026-12-06 10:00:00 UTC (in 2 days)`, with a warning inside 30 days and once it has expired
/// (a connection made with --insecure still works with one).
struct CertificateExpiry: CustomStringConvertible {
    static let warningDays: Int64 = 30

    /// notAfter in UTC, ISO 8601 (`2026-12-06T10:00:00Z`).
    let timestamp: String
    /// Whole days from now to notAfter, rounded down: negative once expired.
    let daysLeft: Int64
    private let shown: String

    init(_ certificate: TLSPeerCertificate, now: Int64) {
        var seconds = time_t(certificate.notAfter)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let date = "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
        let clock = "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
        timestamp = "\(date)T\(clock)Z"
        shown = "\(date) \(clock) UTC"
        let left = certificate.notAfter - now
        daysLeft = left >= 0 ? left / 86_400 : -((-left + 86_399) / 86_400)
    }

    var description: String {
        if daysLeft < 0 { return "EXPIRED on \(shown)" }
        return
            "expires \(shown) (\(daysLeft == 0 ? "within a day" : "in \(daysLeft) day\(daysLeft == 1 ? "" : "s")"))"
    }

    /// Said under the TLS line when the end is near or past.
    var warning: String? {
        if daysLeft < 0 {
            return "the server's certificate expired on \(shown): clients that verify it refuse the server"
        }
        if daysLeft < Self.warningDays { return "the server's certificate \(description): renew it" }
        return nil
    }
}
