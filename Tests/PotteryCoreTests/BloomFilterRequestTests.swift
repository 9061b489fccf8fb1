import PotteryCore
import Testing

/// `bf`'s parameter policy, without a server: flags against remembered parameters.
@Suite struct BloomFilterRequestTests {
    let key = Array("bf".utf8)
    let made = try! BloomFilterParameters(capacity: 1000, errorRate: 0.01)

    @Test func bothFlagsMustBeValidAndAgreeWithWhatIsRemembered() throws {
        #expect(throws: PotteryError.self) { try BloomFilterRequest(capacity: 1000, errorRate: 1.5) }
        let both = try BloomFilterRequest(capacity: 1000, errorRate: 0.01)
        #expect(try both.resolve(remembered: nil, key: key) == made)
        #expect(try both.resolve(remembered: made, key: key) == made)
        let other = try BloomFilterRequest(capacity: 2000, errorRate: 0.01)
        let error = #expect(throws: PotteryError.self) { try other.resolve(remembered: made, key: key) }
        #expect(error?.statusClass == .invalidInput)
    }

    @Test func oneFlagMustNotContradictAndNoneNeedsRememberedParameters() throws {
        #expect(
            try BloomFilterRequest(capacity: 1000, errorRate: nil).resolve(remembered: made, key: key) == made
        )
        let contradicting = try BloomFilterRequest(capacity: nil, errorRate: 0.5)
        let error = #expect(throws: PotteryError.self) {
            try contradicting.resolve(remembered: made, key: key)
        }
        #expect(error?.message.contains("contradicts --error-rate 0.5") == true)
        #expect(
            try BloomFilterRequest(capacity: nil, errorRate: nil).resolve(remembered: made, key: key) == made)
        let missing = #expect(throws: PotteryError.self) {
            try BloomFilterRequest(capacity: 10, errorRate: nil).resolve(remembered: nil, key: key)
        }
        #expect(missing?.message.hasSuffix("(both of them)") == true)
    }
}
