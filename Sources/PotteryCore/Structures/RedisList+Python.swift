import PotteryJSON
import RedisClient

/// The mutations that need Python's own comparisons of decoded values: `remove` (Python's `==`)
/// and `sort` (Python's `<`).
extension RedisList {
    /// Removes the first item equal to `item` as Python compares decoded values (`1 == 1.0 ==
    /// True`); false when there is none. A value with no number or bool inside is one LREM; any
    /// other is found by reading the list in windows under WATCH and deleted in MULTI/EXEC,
    /// retried if the list changed meanwhile.
    @discardableResult
    public func remove(_ item: Element) throws(PotteryError) -> Bool {
        let stored = try encode(item)
        let value = try parse(stored)
        if PythonComparison.equalityIsTextual(value) {
            return try redis.run(LREM(keyBytes, count: 1, element: stored)) == 1
        }
        var found = false
        do throws(RedisError) {
            _ = try redis.transaction(watching: [keyBytes], retries: 64) {
                (connection) throws(RedisError) -> [[[UInt8]]]? in
                found = false
                guard let (index, match) = try firstIndex(equalTo: value, on: connection) else { return nil }
                found = true
                let delete = EVAL(
                    ListScripts.deleteItem, keys: [keyBytes], arguments: [Array(String(index).utf8), match])
                return [delete.arguments]
            }
        } catch {
            throw PotteryError(error, key: keyBytes)
        }
        return found
    }

    /// The index and stored form of the first item Python finds equal to `value`.
    private func firstIndex(equalTo value: JSONValue, on connection: RedisConnection) throws(RedisError)
        -> (Int, [UInt8])?
    {
        var found: (Int, [UInt8])?
        do throws(PotteryError) {
            try scan(.all, on: connection) { offset, stored, candidate in
                guard PythonComparison.equal(candidate, value) else { return true }
                found = (offset, stored)
                return false
            }
        } catch {
            throw error.redisError
                ?? RedisError(
                    kind: .server, message: error.message, server: connection.server, command: "LRANGE")
        }
        return found
    }

    /// Sorts the list in place as Python sorts the decoded items (`list.sort(reverse=)`): stable,
    /// numbers by value across ints, floats and bools, strings by code point, lists
    /// lexicographically. Items Python cannot order (a string and a number, two dicts, two nulls)
    /// throw ``PotteryError/Kind/invalidValue`` and the list is not changed.
    ///
    /// Atomic: the list is read under WATCH, sorted here, and written back in MULTI/EXEC (retried
    /// if it changed meanwhile). It loads the list, so at most ``sortLimit`` items. The stored
    /// bytes are kept as they are; only their order changes. The key's time to live is dropped,
    /// as SORT ... STORE (pottery's own sort) drops it.
    public func sort(reverse: Bool = false) throws(PotteryError) {
        var failure: PotteryError?
        do throws(RedisError) {
            _ = try redis.transaction(watching: [keyBytes], retries: 64) {
                (connection) throws(RedisError) -> [[[UInt8]]]? in
                do throws(PotteryError) {
                    return try sortedWrite(reverse: reverse, on: connection)
                } catch {
                    failure = error
                    return nil
                }
            }
        } catch {
            throw PotteryError(error, key: keyBytes)
        }
        if let failure { throw failure.with(key: keyBytes, server: redis.server) }
    }

    /// The commands that write the sorted list back; nil when it is sorted already.
    private func sortedWrite(reverse: Bool, on connection: RedisConnection) throws(PotteryError)
        -> [[[UInt8]]]?
    {
        let length = try count()
        guard length <= Self.sortLimit else {
            throw PotteryError(
                .invalidValue, "the list has \(length) items; sort loads at most \(Self.sortLimit)")
        }
        var source = ListRangeSource(connection: connection, key: keyBytes, slice: .all, window: 8192)
        var items: [(stored: [UInt8], value: JSONValue)] = []
        items.reserveCapacity(length)
        while let batch = try source.nextRawBatch() {
            for stored in batch { items.append((stored, try parse(stored))) }
        }
        var order = Array(items.indices)
        var failure: PotteryError?
        if let keys = SortKeys(items.lazy.map(\.value)) {
            keys.sort(&order, reverse: reverse)
        } else {
            // Stable (Swift's sort is); a comparison Python refuses stops the sort.
            order.sort { a, b in
                if failure != nil { return false }
                do throws(PotteryError) {
                    return reverse
                        ? try PythonComparison.less(items[b].value, items[a].value)
                        : try PythonComparison.less(items[a].value, items[b].value)
                } catch {
                    failure = error
                    return false
                }
            }
        }
        if let failure { throw failure }
        if order == Array(items.indices) { return nil }
        var commands: [[[UInt8]]] = [DEL([keyBytes]).arguments]
        var chunk: [[UInt8]] = []
        for index in order {
            chunk.append(items[index].stored)
            if chunk.count == 1024 {
                commands.append(RPUSH(keyBytes, elements: chunk).arguments)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        if !chunk.isEmpty { commands.append(RPUSH(keyBytes, elements: chunk).arguments) }
        return commands
    }

    /// A stored item as a JSON value; not JSON is ``PotteryError/Kind/notJSON``.
    func parse(_ stored: [UInt8]) throws(PotteryError) -> JSONValue {
        do throws(JSONError) {
            return try JSON.parse(stored)
        } catch {
            throw PotteryError(
                .notJSON, "a stored item is not JSON: \(error.message)", key: keyBytes, server: redis.server)
        }
    }
}

/// Precomputed keys for the common lists, where Python's order is a plain order on one Swift type:
/// all numbers exactly representable as doubles (ints within 2^53, floats but NaN, bools), or all
/// strings. Anything else sorts with ``PythonComparison/less(_:_:)`` item by item.
private enum SortKeys {
    case numbers([Double])
    case strings([JSONString])

    init?(_ values: some Collection<JSONValue>) {
        guard let first = values.first else { return nil }
        if case .string = first {
            var keys: [JSONString] = []
            keys.reserveCapacity(values.count)
            for value in values {
                guard case .string(let text) = value else { return nil }
                keys.append(text)
            }
            self = .strings(keys)
            return
        }
        var keys: [Double] = []
        keys.reserveCapacity(values.count)
        for value in values {
            switch value {
            case .bool(let flag): keys.append(flag ? 1 : 0)
            case .float(let double) where !double.isNaN: keys.append(double)
            case .integer(let text):
                guard let integer = Int(text), integer.magnitude <= 1 << 53 else { return nil }
                keys.append(Double(integer))
            default: return nil
            }
        }
        self = .numbers(keys)
    }

    /// Sorts positions by key, stably (equal keys keep their order, as in Python).
    func sort(_ order: inout [Int], reverse: Bool) {
        switch self {
        case .numbers(let keys):
            order.sort { reverse ? keys[$1] < keys[$0] : keys[$0] < keys[$1] }
        case .strings(let keys):
            order.sort { reverse ? keys[$1] < keys[$0] : keys[$0] < keys[$1] }
        }
    }
}
