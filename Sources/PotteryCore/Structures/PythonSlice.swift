/// A Python slice, `list[start:stop:step]`, each part optional as in Python. Resolved against a
/// length exactly as `slice.indices(len)` does, so every index it yields is in range.
public struct PythonSlice: Sendable, Hashable {
    /// The first index (negative: from the end); nil for the start (or the end, stepping back).
    public let start: Int?
    /// The index the slice stops before (negative: from the end); nil to run to the end.
    public let stop: Int?
    /// Never 0, never `Int.min` (taken as `-Int.max`, as Python clamps a step to the index size).
    public let step: Int?

    /// A slice; nil when `step` is 0 (Python: "slice step cannot be zero").
    public init?(start: Int? = nil, stop: Int? = nil, step: Int? = nil) {
        if step == 0 { return nil }
        self.start = start
        self.stop = stop
        self.step = step.map { $0 == Int.min ? -Int.max : $0 }
    }

    /// The whole list, `[:]`.
    public static let all = PythonSlice(start: nil, stop: nil, step: nil)!

    /// The indices the slice selects in a list of `count` items: first index, how many, stride.
    public func resolved(count: Int) -> ResolvedSlice {
        let length = max(count, 0)
        let step = self.step ?? 1
        let lower = step < 0 ? -1 : 0
        let upper = step < 0 ? length - 1 : length
        func clamp(_ value: Int?, default fallback: Int) -> Int {
            guard var value else { return fallback }
            if value < 0 {
                value = value.addingReportingOverflow(length).partialValue
                return max(value, lower)
            }
            return min(value, upper)
        }
        let first = clamp(start, default: step < 0 ? upper : lower)
        let end = clamp(stop, default: step < 0 ? lower : upper)
        let span: Int
        if step > 0 {
            span = first < end ? (end - first - 1) / step + 1 : 0
        } else {
            span = end < first ? (first - end - 1) / (-step) + 1 : 0
        }
        return ResolvedSlice(first: first, count: span, step: step)
    }
}

/// Concrete indices of a slice: `first`, `first + step`, ... (`count` of them), all in range.
public struct ResolvedSlice: Sendable, Hashable {
    /// The first index selected.
    public let first: Int
    /// How many indices are selected.
    public let count: Int
    /// The stride between them (negative: backwards); never 0.
    public let step: Int

    /// `count` indices from `first`, `step` apart.
    public init(first: Int, count: Int, step: Int) {
        self.first = first
        self.count = count
        self.step = step
    }

    /// The lowest and highest index selected (nil when none is).
    public var bounds: ClosedRange<Int>? {
        guard count > 0 else { return nil }
        let last = first + (count - 1) * step
        return min(first, last)...max(first, last)
    }

    /// Whether the indices make one contiguous run.
    public var isContiguous: Bool { count <= 1 || step == 1 || step == -1 }
}
