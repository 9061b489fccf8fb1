/// Removes repeated stored values, keeping the first of each, so counts of what Redis removed can be
/// compared with what was asked.
enum Distinct {
    static func of(_ values: [[UInt8]]) -> [[UInt8]] {
        var seen = Set<[UInt8]>()
        return values.filter { seen.insert($0).inserted }
    }
}
