internal import PotteryJSON

/// The parameters a caller asks a Bloom filter for (`--capacity`, `--error-rate`, either, both or
/// neither), reconciled with those remembered at the filter's key: the one policy of `bf`.
///
/// Both given: they must be valid (checked at once, before connecting) and, when parameters are
/// remembered, equal to them. One given: it must not contradict the remembered ones. None given:
/// the remembered ones, which must exist. Every refusal is ``PotteryError/Kind/invalidValue``,
/// raised before anything is written.
public struct BloomFilterRequest: Sendable {
    /// The capacity asked for, if any.
    public let capacity: Int?
    /// The false-positive rate asked for, if any.
    public let errorRate: Double?
    /// The parameters both flags make, when both are given.
    public let given: BloomFilterParameters?

    /// A request; throws ``PotteryError/Kind/invalidValue`` when both are given and make no valid filter.
    public init(capacity: Int?, errorRate: Double?) throws(PotteryError) {
        self.capacity = capacity
        self.errorRate = errorRate
        if let capacity, let errorRate {
            given = try BloomFilterParameters(capacity: capacity, errorRate: errorRate)
        } else {
            given = nil
        }
    }

    /// The parameters the filter at `key` works with, given those remembered there.
    public func resolve(remembered: BloomFilterParameters?, key: [UInt8]) throws(PotteryError)
        -> BloomFilterParameters
    {
        switch (given, remembered) {
        case (let given?, let remembered?):
            try given.check(against: remembered, key: key)
            return remembered
        case (let given?, nil):
            return given
        case (nil, let remembered?):
            if let capacity, capacity != remembered.capacity {
                throw PotteryError(
                    .invalidValue,
                    "the filter was made with \(remembered), which contradicts --capacity \(capacity)",
                    key: key)
            }
            if let errorRate, errorRate != remembered.errorRate {
                throw PotteryError(
                    .invalidValue,
                    "the filter was made with \(remembered), which contradicts --error-rate \(JSON.pythonRepr(errorRate))",
                    key: key)
            }
            return remembered
        case (nil, nil):
            let missing = capacity == nil && errorRate == nil ? "" : " (both of them)"
            throw PotteryError(
                .invalidValue,
                "no parameters are remembered for this key: pass --capacity N and --error-rate P\(missing)",
                key: key)
        }
    }
}
