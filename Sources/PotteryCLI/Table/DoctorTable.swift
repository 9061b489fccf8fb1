/// The `doctor` verb's option.
enum DoctorTable {
    static let json = VerbOption.flag(
        "json", shadowsGlobal: true,
        "one JSON object instead of text (after doctor; -j before it is the value mode)")
}

extension DoctorTable {
    static let notes =
        "It says which URL is used and where it came from (--url, a profile, POTTERY_URL, REDIS_URL, the "
        + "default), the server's name and version and its best PING round trip of three, whether TLS is on "
        + "and verified with the server certificate's name and expiry (a warning inside 30 days, or once "
        + "expired), a cluster's state and how many of the 16384 slots are served, and for each quorum "
        + "master (--master, POTTERY_MASTERS, else the server): whether it answers, its round trip, its "
        + "clock against this machine's (TIME), and its persistence (CONFIG GET appendonly, appendfsync, "
        + "save). Locks and fencing tokens are only as safe as that: a master without appendonly forgets "
        + "them when it restarts, which is said as a warning. Warnings change no status."
}
