#if canImport(Glibc)
    import Glibc
#endif
package import CPotterySpawn

/// GNU extensions of glibc that Swift's `Glibc` module does not import (they sit behind
/// `_GNU_SOURCE`), looked up once at run time. Each is `nil` when this glibc or kernel lacks it, and
/// callers then take a documented fallback.
package enum GlibcExtensions {
    package typealias PidfdOpen = @convention(c) (pid_t, UInt32) -> Int32

    /// `pidfd_open` (glibc 2.36, Linux 5.3): a descriptor that polls readable when the process exits.
    package static let pidfdOpen: PidfdOpen? = symbol("pidfd_open")

    private static func symbol<Function>(_ name: String) -> Function? {
        guard let handle = dlopen(nil, RTLD_NOW), let address = dlsym(handle, name) else { return nil }
        return unsafeBitCast(address, to: Function.self)
    }
}
