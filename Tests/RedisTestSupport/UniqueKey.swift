import Foundation

private let keyCounter = Locked(0)
private let processTag = String(UInt32.random(in: 0...UInt32.max), radix: 36)

/// A key name unique per call, across tests running concurrently in this and other processes:
/// `prefix:pid.random:counter`.
public func uniqueKey(_ prefix: String = "t") -> String {
    let number = keyCounter.withLock { value -> Int in
        value += 1
        return value
    }
    return "\(prefix):\(getpid()).\(processTag):\(number)"
}
