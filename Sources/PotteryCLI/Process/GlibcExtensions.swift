#if canImport(Glibc)
    import Glibc
#endif

/// GNU extensions of glibc that Swift's `Glibc` module does not import (they sit behind
/// `_GNU_SOURCE`), looked up once at run time. Each is `nil` when this glibc or kernel lacks it, and
/// callers then take a documented fallback.
enum GlibcExtensions {
    typealias SpawnFileAction =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    typealias PidfdOpen = @convention(c) (pid_t, UInt32) -> Int32

    /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34): close every fd from N up in the child.
    static let addCloseFrom: SpawnFileAction? = symbol(
        "posix_spawn_file_actions_addclosefrom_np")

    /// `posix_spawn_file_actions_addtcsetpgrp_np` (glibc 2.35): the child makes its own process
    /// group the terminal's foreground group before it executes.
    static let addTerminalForeground: SpawnFileAction? = symbol(
        "posix_spawn_file_actions_addtcsetpgrp_np")

    /// `pidfd_open` (glibc 2.36, Linux 5.3): a descriptor that polls readable when the process exits.
    static let pidfdOpen: PidfdOpen? = symbol("pidfd_open")

    private static func symbol<Function>(_ name: String) -> Function? {
        guard let handle = dlopen(nil, RTLD_NOW), let address = dlsym(handle, name) else { return nil }
        return unsafeBitCast(address, to: Function.self)
    }
}
