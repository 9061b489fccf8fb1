/// Answers "is it in there?" for values that stream in, in order, through an `onAnswer` callback,
/// with bounded memory: ``BloomBulkChecker`` (pipelined), and ``BatchedMembershipChecker`` for
/// sets and HyperLogLogs (a round trip per batch).
public protocol MembershipChecker {
    /// The type of the elements looked up.
    associatedtype Element
    /// Asks about one value; its answer comes to `onAnswer` in order, maybe later.
    func check(_ element: Element) throws(PotteryError)
    /// Asks about what is left and delivers every answer.
    func finish() throws(PotteryError)
    /// Gives up; answers not delivered yet are dropped.
    func abort()
}

/// Membership for a stream of values, a batch at a time: each full batch is looked up in one round
/// trip (`SMISMEMBER` for a set, one script for a HyperLogLog) and its answers delivered in order.
public final class BatchedMembershipChecker<Element>: MembershipChecker {
    private let batchSize: Int
    private let lookup: ([Element]) throws(PotteryError) -> [Bool]
    private let onAnswer: (Bool) throws(PotteryError) -> Void
    private var batch: [Element] = []

    init(
        batchSize: Int, lookup: @escaping ([Element]) throws(PotteryError) -> [Bool],
        onAnswer: @escaping (Bool) throws(PotteryError) -> Void
    ) {
        self.batchSize = max(batchSize, 1)
        self.lookup = lookup
        self.onAnswer = onAnswer
    }

    public func check(_ element: Element) throws(PotteryError) {
        batch.append(element)
        if batch.count >= batchSize { try answerBatch() }
    }

    public func finish() throws(PotteryError) { try answerBatch() }

    public func abort() { batch.removeAll() }

    private func answerBatch() throws(PotteryError) {
        guard !batch.isEmpty else { return }
        let answers = try lookup(batch)
        batch.removeAll(keepingCapacity: true)
        for holds in answers { try onAnswer(holds) }
    }
}

extension RedisSet {
    /// Membership for values as they stream in, `SMISMEMBER` per batch of `batchSize`.
    public func bulkChecker(
        batchSize: Int = 1024, onAnswer: @escaping (Bool) throws(PotteryError) -> Void
    ) -> BatchedMembershipChecker<Element> {
        BatchedMembershipChecker(batchSize: batchSize, lookup: contains(many:), onAnswer: onAnswer)
    }
}

extension HyperLogLog {
    /// Membership for stored values as they stream in, one script per batch of `batchSize`.
    public func bulkChecker(
        batchSize: Int = 512, onAnswer: @escaping (Bool) throws(PotteryError) -> Void
    ) -> BatchedMembershipChecker<[UInt8]> {
        BatchedMembershipChecker(batchSize: batchSize, lookup: contains(stored:), onAnswer: onAnswer)
    }
}
