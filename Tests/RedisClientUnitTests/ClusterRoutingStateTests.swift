import PotterySystem
import RedisTestSupport
import Testing

@testable import RedisClient

/// The cluster routing state machine, driven with scripted replies: no sockets, no server.
@Suite struct ClusterRoutingStateTests {
    /// Three masters: A serves 0...5460, B 5461...10922, C 10923...16383.
    static let map = try! ClusterSlotMap(shards: [
        ClusterShard(master: ClusterNode(host: "10.0.0.1", port: 7000), replicas: [], slots: [0...5460]),
        ClusterShard(master: ClusterNode(host: "10.0.0.2", port: 7000), replicas: [], slots: [5461...10922]),
        ClusterShard(master: ClusterNode(host: "10.0.0.3", port: 7000), replicas: [], slots: [10923...16383]),
    ])

    /// A key of each master: `ClusterSlot.of` puts "a" in 15495 (C), "b" in 3300 (A), "c" in 7365 (B).
    let onA = b("b")
    let onB = b("c")
    let onC = b("a")

    /// A driver of the state: the bytes each node was sent, replies handed in.
    struct Harness {
        var state = ClusterRoutingState(map: ClusterRoutingStateTests.map)
        var written: [[String]] = []

        mutating func enqueue(_ words: String..., key: [UInt8]? = nil) {
            let arguments = words.map { Array($0.utf8) }
            var encoder = RESPCommandEncoder()
            encoder.append(arguments)
            state.enqueue(encoder.buffer, route: CommandRoute(name: words[0], key: key))
        }

        /// Writes every outbox; returns, per node index, the commands written (first words).
        mutating func flush() -> [Int: [String]] {
            var sent: [Int: [String]] = [:]
            for index in state.nodes.indices where !state.nodes[index].outbox.isEmpty {
                state.drainOutbox(of: index) { bytes in
                    var parser = RESPParser()
                    parser.append(bytes)
                    guard case .array(let parts?)? = try? parser.next(),
                        case .bulkString(let first?) = parts[0]
                    else { return }
                    sent[index, default: []].append(String(decoding: first, as: UTF8.self))
                }
            }
            return sent
        }

        func node(_ host: String) -> Int { state.nodeIndex(address: host + ":7000")! }
    }

    @Test func commandsGoToTheirSlotsMasterAndRepliesComeBackInOrder() throws {
        var h = Harness()
        h.enqueue("GET", "b", key: onA)
        h.enqueue("GET", "c", key: onB)
        h.enqueue("GET", "a", key: onC)
        h.enqueue("PING")  // keyless: where the last keyed command went
        #expect(h.state.pendingReplies == 4)
        let sent = h.flush()
        #expect(sent[h.node("10.0.0.1")] == ["GET"])
        #expect(sent[h.node("10.0.0.2")] == ["GET"])
        #expect(sent[h.node("10.0.0.3")] == ["GET", "PING"])
        // Replies arrive out of enqueue order across nodes; they are handed back in order.
        #expect(try h.state.accept(.bulkString(b("C")), from: h.node("10.0.0.3")) == .stored)
        #expect(try h.state.accept(.bulkString(b("B")), from: h.node("10.0.0.2")) == .stored)
        #expect(!h.state.headIsAnswered)
        #expect(try h.state.accept(.bulkString(b("A")), from: h.node("10.0.0.1")) == .stored)
        #expect(h.state.popHead() == .bulkString(b("A")))
        #expect(h.state.popHead() == .bulkString(b("B")))
        #expect(h.state.popHead() == .bulkString(b("C")))
        #expect(!h.state.headIsAnswered)
        #expect(try h.state.accept(.simpleString(b("PONG")), from: h.node("10.0.0.3")) == .stored)
        #expect(h.state.popHead() == .simpleString(b("PONG")))
        #expect(h.state.pendingReplies == 0)
    }

    @Test func aKeylessCommandFollowsTheLastKeyedOne() {
        var h = Harness()
        h.enqueue("WATCH", "c", key: onB)
        h.enqueue("UNWATCH")
        #expect(h.flush()[h.node("10.0.0.2")] == ["WATCH", "UNWATCH"])
    }

    @Test func movedTeachesTheMapAndSendsTheCommandThere() throws {
        var h = Harness()
        let slot = ClusterSlot.of(onA)
        h.enqueue("GET", "b", key: onA)
        _ = h.flush()
        let outcome = try h.state.accept(.error(b("MOVED \(slot) 10.0.0.9:7000")), from: h.node("10.0.0.1"))
        #expect(outcome == .redirected)
        let moved = h.node("10.0.0.9")
        #expect(h.state.route(slot: slot) == moved)
        #expect(h.state.masters.contains(moved))
        #expect(h.flush() == [moved: ["GET"]])
        #expect(try h.state.accept(.bulkString(b("v")), from: moved) == .stored)
        #expect(h.state.popHead() == .bulkString(b("v")))
        // The next command of that slot goes straight there.
        h.enqueue("GET", "b", key: onA)
        #expect(h.flush() == [moved: ["GET"]])
    }

    @Test func askSendsAskingFirstAndLeavesTheMapAlone() throws {
        var h = Harness()
        let slot = ClusterSlot.of(onA)
        h.enqueue("GET", "b", key: onA)
        _ = h.flush()
        #expect(
            try h.state.accept(.error(b("ASK \(slot) 10.0.0.2:7000")), from: h.node("10.0.0.1"))
                == .redirected)
        #expect(h.flush() == [h.node("10.0.0.2"): ["ASKING", "GET"]])
        #expect(h.state.route(slot: slot) == h.node("10.0.0.1"))
        // ASKING's OK is nobody's reply.
        #expect(try h.state.accept(.simpleString(b("OK")), from: h.node("10.0.0.2")) == .stored)
        #expect(!h.state.headIsAnswered)
        #expect(try h.state.accept(.bulkString(b("v")), from: h.node("10.0.0.2")) == .stored)
        #expect(h.state.popHead() == .bulkString(b("v")))
    }

    /// Redis 6.2 during a migration: the migrating node answers a multi-key command with ASK, the
    /// importing node with TRYAGAIN, until the migration ends; the rounds never hit the limit.
    @Test func askThenTryAgainRoundsAreNotALoop() throws {
        var h = Harness()
        let slot = ClusterSlot.of(onA)
        h.enqueue("MGET", "{b}1", "{b}2", key: onA)
        for round in 1...(2 * ClusterRoutingState.maxRedirects) {
            _ = h.flush()
            let ask = RESPValue.error(b("ASK \(slot) 10.0.0.2:7000"))
            #expect(try h.state.accept(ask, from: h.node("10.0.0.1")) == .redirected)
            #expect(h.flush() == [h.node("10.0.0.2"): ["ASKING", "MGET"]])
            #expect(try h.state.accept(.simpleString(b("OK")), from: h.node("10.0.0.2")) == .stored)
            let tryAgain = RESPValue.error(b("TRYAGAIN Multiple keys request during rehashing of slot"))
            guard case .retryLater(let sequence) = try h.state.accept(tryAgain, from: h.node("10.0.0.2"))
            else {
                Issue.record("TRYAGAIN was not left to the router")
                return
            }
            #expect(h.state.prepareRetry(sequence) == round)
            h.state.resend([sequence])
        }
    }

    @Test func redirectionsEndAfterTheLimit() throws {
        var h = Harness()
        let slot = ClusterSlot.of(onA)
        h.enqueue("GET", "b", key: onA)
        var from = h.node("10.0.0.1")
        for round in 0..<ClusterRoutingState.maxRedirects {
            _ = h.flush()
            let to = round.isMultiple(of: 2) ? "10.0.0.2" : "10.0.0.1"
            #expect(try h.state.accept(.error(b("MOVED \(slot) \(to):7000")), from: from) == .redirected)
            from = h.node(to)
        }
        _ = h.flush()
        let last = RESPValue.error(b("MOVED \(slot) 10.0.0.3:7000"))
        #expect(try h.state.accept(last, from: from) == .stored)
        #expect(h.state.popHead() == last)
    }

    @Test func aTransactionIsPinnedToItsFirstKeyedCommandsNodeAndFollowsNoRedirection() throws {
        var h = Harness()
        h.enqueue("MULTI")
        #expect(h.flush().isEmpty)  // MULTI waits for the first command to know its node.
        h.enqueue("SET", "c", "1", key: onB)
        h.enqueue("SET", "a", "2", key: onC)  // another slot: still the transaction's node
        h.enqueue("EXEC")
        let b2 = h.node("10.0.0.2")
        #expect(h.flush() == [b2: ["MULTI", "SET", "SET", "EXEC"]])
        #expect(try h.state.accept(.simpleString(b("OK")), from: b2) == .stored)
        #expect(try h.state.accept(.simpleString(b("QUEUED")), from: b2) == .stored)
        let moved = RESPValue.error(b("MOVED 15495 10.0.0.3:7000"))
        #expect(try h.state.accept(moved, from: b2) == .stored)
        #expect(try h.state.accept(.error(b("EXECABORT")), from: b2) == .stored)
        #expect(h.state.popHead() == .simpleString(b("OK")))
        #expect(h.state.popHead() == .simpleString(b("QUEUED")))
        #expect(h.state.popHead() == moved)
        // After EXEC, commands are routed by their keys again.
        h.enqueue("GET", "a", key: onC)
        #expect(h.flush() == [h.node("10.0.0.3"): ["GET"]])
    }

    @Test func aLoneMultiGoesToTheDefaultNodeWhenItsReplyIsWanted() {
        var h = Harness()
        h.enqueue("MULTI")
        #expect(h.state.routedHeadNode == nil)
        #expect(h.state.headNode() == h.state.defaultNode)
        #expect(h.flush() == [h.state.defaultNode: ["MULTI"]])
    }

    @Test func tryAgainIsLeftToTheRouterAndResentByTheMap() throws {
        var h = Harness()
        h.enqueue("MGET", "{b}1", "{b}2", key: onA)
        _ = h.flush()
        let tryAgain = RESPValue.error(b("TRYAGAIN Multiple keys request during rehashing of slot"))
        guard case .retryLater(let sequence) = try h.state.accept(tryAgain, from: h.node("10.0.0.1")) else {
            Issue.record("TRYAGAIN was not left to the router")
            return
        }
        // Given up: the error is the reply.
        #expect(h.state.headIsAnswered)
        let deadline = h.state.retryDeadline(of: sequence, startingAt: .after(seconds: 5))
        #expect(
            h.state.retryDeadline(of: sequence, startingAt: .after(seconds: 60)).instant
                == deadline.instant)
        // Retried: the reply is taken back and the command sent again.
        #expect(h.state.prepareRetry(sequence) == 1)
        #expect(!h.state.headIsAnswered)
        h.state.resend([sequence])
        #expect(h.flush() == [h.node("10.0.0.1"): ["MGET"]])
    }

    @Test func aLostNodesCommandsMoveToItsSlotsNewMaster() throws {
        var h = Harness()
        h.enqueue("GET", "b", key: onA)
        h.enqueue("GET", "c", key: onB)
        _ = h.flush()
        h.enqueue("GET", "b", key: onA)  // not written yet
        let lost = h.node("10.0.0.1")
        let lostCommands = h.state.lose(node: lost)
        let orphans = try #require(lostCommands)
        #expect(orphans.count == 2)
        #expect(h.state.nodes[lost].awaiting == 0 && h.state.nodes[lost].outbox.isEmpty)
        #expect(h.state.isNeeded(lost, by: orphans))
        // A replica took over A's slots.
        var shards = Self.map.shards
        shards[0].master = ClusterNode(host: "10.0.0.4", port: 7000)
        h.state.install(try ClusterSlotMap(shards: shards))
        #expect(!h.state.isNeeded(lost, by: orphans))
        h.state.resend(orphans)
        let promoted = h.node("10.0.0.4")
        #expect(h.flush() == [promoted: ["GET", "GET"]])
        #expect(try h.state.accept(.bulkString(b("2")), from: h.node("10.0.0.2")) == .stored)
        #expect(!h.state.headIsAnswered)
        #expect(try h.state.accept(.bulkString(b("1")), from: promoted) == .stored)
        #expect(h.state.popHead() == .bulkString(b("1")))
        #expect(h.state.popHead() == .bulkString(b("2")))
    }

    @Test func aTransactionOnALostNodeCannotMove() {
        var h = Harness()
        h.enqueue("MULTI")
        h.enqueue("INCR", "b", key: onA)
        h.enqueue("EXEC")
        _ = h.flush()
        #expect(h.state.lose(node: h.node("10.0.0.1")) == nil)
    }

    @Test func aReplyNobodyAwaitsIsAProtocolViolation() {
        var h = Harness()
        let error = #expect(throws: RedisError.self) {
            try h.state.accept(.simpleString(b("OK")), from: h.node("10.0.0.2"))
        }
        #expect(error?.kind == .protocolViolation)
    }
}
