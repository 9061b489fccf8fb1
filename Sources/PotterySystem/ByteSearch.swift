/// Where `pattern` (ASCII) first occurs in `bytes`, letters compared without case when
/// `ignoringCase`: offsets into `bytes`.
///
/// A plain loop over concrete types rather than the standard library's `firstRange(of:)` or
/// `String.contains(_:)`: their first use builds their searcher's generic types at run time, about
/// 250 k instructions, which was a sixth of a one-shot command's whole start-up (callgrind).
package func firstASCIIRange(
    of pattern: StaticString, in bytes: UnsafeBufferPointer<UInt8>, ignoringCase: Bool = false
) -> Range<Int>? {
    let wanted = UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount)
    guard wanted.count <= bytes.count else { return nil }
    func same(_ a: UInt8, _ b: UInt8) -> Bool { ignoringCase ? asciiLower(a) == asciiLower(b) : a == b }
    var start = 0
    while start + wanted.count <= bytes.count {
        var length = 0
        while length < wanted.count && same(bytes[start + length], wanted[length]) { length += 1 }
        if length == wanted.count { return start..<(start + length) }
        start += 1
    }
    return nil
}

extension [UInt8] {
    /// Whether `pattern` (ASCII) occurs, letters compared without case when `ignoringCase`.
    package func containsASCII(_ pattern: StaticString, ignoringCase: Bool = false) -> Bool {
        withUnsafeBufferPointer { firstASCIIRange(of: pattern, in: $0, ignoringCase: ignoringCase) != nil }
    }
}

private func asciiLower(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
}
