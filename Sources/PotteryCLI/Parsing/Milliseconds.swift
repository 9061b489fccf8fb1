/// A duration in whole milliseconds, as Redis takes it (`PEXPIRE`, `SET PX`).
struct Milliseconds: Sendable, Equatable, Comparable {
    var count: Int

    var seconds: Double { Double(count) / 1000 }

    static func < (a: Milliseconds, b: Milliseconds) -> Bool { a.count < b.count }
}
