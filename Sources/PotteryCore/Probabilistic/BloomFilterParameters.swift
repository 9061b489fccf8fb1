import Glibc
import PotteryJSON

/// A Bloom filter's size, computed from the number of elements expected (n, pottery's
/// `num_elements`) and the acceptable false-positive rate (p, `false_positives`) with pottery's
/// own float arithmetic (SPEC §8.3): m = ⌈−n·ln p / (ln 2)²⌉ bits, k = ⌈(m/n)·ln 2⌉ hashes.
public struct BloomFilterParameters: Sendable, Equatable, CustomStringConvertible {
    /// The number of elements expected (n ≥ 1).
    public let capacity: Int
    /// The acceptable false-positive probability, 0 < p < 1.
    public let errorRate: Double
    /// The bitmap's size in bits (m).
    public let bits: Int
    /// The number of hashes, and of bits, per element (k).
    public let hashes: Int

    /// The most bits a Redis string holds (512 MiB): SETBIT's offsets stop at 2³² − 1.
    public static let maximumBits = 1 << 32
    /// The largest capacity accepted: integers above 2⁵³ are not exact as doubles, where pottery's
    /// arithmetic would round them.
    public static let maximumCapacity = 1 << 53

    /// Computes m and k; throws ``PotteryError/Kind/invalidValue`` when n < 1, p is not strictly
    /// between 0 and 1, or the bitmap would exceed Redis's 2³² bits.
    public init(capacity: Int, errorRate: Double) throws(PotteryError) {
        guard capacity >= 1, capacity <= Self.maximumCapacity else {
            throw PotteryError(
                .invalidValue, "the capacity must be a whole number from 1 to 2^53, not \(capacity)")
        }
        guard errorRate.isFinite, errorRate > 0, errorRate < 1 else {
            throw PotteryError(
                .invalidValue, "the error rate must be above 0 and below 1, not \(JSON.pythonRepr(errorRate))"
            )
        }
        // Python: -num_elements * math.log(false_positives) / math.log(2)**2, then math.ceil.
        let size = (Double(-capacity) * log(errorRate) / pow(log(2.0), 2.0)).rounded(.up)
        guard size.isFinite, size >= 1, size <= Double(Self.maximumBits) else {
            throw PotteryError(
                .invalidValue,
                "a capacity of \(capacity) at an error rate of \(JSON.pythonRepr(errorRate)) needs "
                    + "\(size.isFinite ? String(Int64(min(size, 9e18))) : "too many") bits, more than "
                    + "the 2^32 a Redis string holds")
        }
        let bits = Int(size)
        // Python: size / num_elements * math.log(2) (int / int is correctly rounded), then math.ceil.
        let hashes = (Double(bits) / Double(capacity) * log(2.0)).rounded(.up)
        self.capacity = capacity
        self.errorRate = errorRate
        self.bits = bits
        self.hashes = max(Int(hashes), 1)
    }

    /// pottery's approximate element count for `setBits` bits set (BITCOUNT):
    /// ⌊−(m/k)·ln(1 − X/m)⌋; nil when X ≥ m, where the estimate is infinite (Python raises
    /// `ValueError: math domain error`).
    public func approximateCount(setBits: Int) -> Int? {
        guard setBits >= 0, setBits < bits else { return nil }
        let m = Double(bits)
        let estimate = (-m / Double(hashes) * log(1 - Double(setBits) / m)).rounded(.down)
        guard estimate.isFinite, estimate < 9e18 else { return nil }
        return Int(estimate)
    }

    /// The bit offsets of a stored value (its canonical JSON text), in seed order: pottery's
    /// `_bit_offsets`, `mmh3.hash(s, seed) % m` with Python's floor modulo.
    public func offsets(of stored: [UInt8]) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(hashes)
        forEachOffset(of: stored) { result.append($0) }
        return result
    }

    /// Calls `body` with each bit offset of a stored value, in seed order, without allocating.
    @inlinable
    public func forEachOffset<Failure: Error>(of stored: [UInt8], _ body: (Int) throws(Failure) -> Void)
        throws(Failure)
    {
        let m = bits
        let k = hashes
        var failure: Failure?
        stored.withUnsafeBytes { buffer in
            for seed in 0..<k {
                let hash = Int(
                    Int32(bitPattern: MurmurHash3.x86_32(buffer, seed: UInt32(truncatingIfNeeded: seed))))
                let remainder = hash % m
                do throws(Failure) {
                    try body(remainder < 0 ? remainder + m : remainder)
                } catch {
                    failure = error
                    return
                }
            }
        }
        if let failure { throw failure }
    }

    /// The remembered form: `{"capacity": n, "error_rate": p}` (canonical JSON, as pottery writes it).
    public var storedForm: [UInt8] {
        Array("{\"capacity\": \(capacity), \"error_rate\": \(JSON.pythonRepr(errorRate))}".utf8)
    }

    /// Reads the remembered form back; nil when it is not one.
    public init?(storedForm bytes: [UInt8]) {
        guard case .object(let members)? = try? JSON.parse(bytes), members.count == 2 else { return nil }
        var capacity: Int?
        var errorRate: Double?
        for member in members {
            switch (member.key.string, member.value) {
            case ("capacity", .integer(let digits)): capacity = Int(digits)
            case ("error_rate", .float(let value)): errorRate = value
            default: return nil
            }
        }
        guard let capacity, let errorRate,
            let parameters = try? BloomFilterParameters(capacity: capacity, errorRate: errorRate)
        else { return nil }
        self = parameters
    }

    /// The parameters as `bf` prints them.
    public var description: String {
        "--capacity \(capacity) --error-rate \(JSON.pythonRepr(errorRate))"
    }
}
