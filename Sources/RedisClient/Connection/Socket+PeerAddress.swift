import Glibc

extension Socket {
    /// The numeric address of the socket's peer (`127.0.0.1:6379`, `[::1]:6379`, or a unix socket's
    /// path), as the kernel reports it; `nil` when it cannot say.
    static func peerAddress(_ fd: Int32) -> String? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(fd, $0, &length) }
        }
        guard status == 0 else { return nil }
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        switch Int32(storage.ss_family) {
        case AF_INET, AF_INET6:
            let found = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    getnameinfo(
                        $0, length, &host, socklen_t(host.count), &service, socklen_t(service.count),
                        NI_NUMERICHOST | NI_NUMERICSERV)
                }
            }
            guard found == 0 else { return nil }
            let hostText = String(
                decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let port = String(
                decoding: service.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return hostText.contains(":") ? "[\(hostText)]:\(port)" : "\(hostText):\(port)"
        case AF_UNIX:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_un.self, capacity: 1) { address in
                    withUnsafeBytes(of: address.pointee.sun_path) { bytes in
                        "unix:" + String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
                    }
                }
            }
        default:
            return nil
        }
    }
}
