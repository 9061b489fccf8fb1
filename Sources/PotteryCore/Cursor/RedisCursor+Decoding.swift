/// Building cursors that decode stored bytes with codecs.
extension RedisCursor {
    /// Each stored element decoded with `codec`; decode errors name `key`.
    static func elements(
        _ source: any RawBatchSource, key: [UInt8], server: String, codec: any RedisCodec<Element>
    ) -> RedisCursor {
        RedisCursor(source: source) { (raw) throws(PotteryError) in
            var batch: [Element] = []
            batch.reserveCapacity(raw.count)
            do throws(PotteryError) {
                for stored in raw { batch.append(try codec.decode(stored)) }
            } catch {
                throw error.with(key: key, server: server)
            }
            return batch
        }
    }

    /// Flat `[field, value, ...]` batches as decoded pairs; decode errors name `key`.
    static func pairs<First, Second>(
        _ source: any RawBatchSource, key: [UInt8], server: String, first: any RedisCodec<First>,
        second: any RedisCodec<Second>
    ) -> RedisCursor where Element == (First, Second) {
        RedisCursor(source: source) { (raw) throws(PotteryError) in
            var batch: [(First, Second)] = []
            batch.reserveCapacity(raw.count / 2)
            var index = 0
            do throws(PotteryError) {
                while index + 1 < raw.count {
                    batch.append((try first.decode(raw[index]), try second.decode(raw[index + 1])))
                    index += 2
                }
            } catch {
                throw error.with(key: key, server: server)
            }
            return batch
        }
    }

    /// Every other element of flat pairs (`offset` 0: fields, 1: values).
    static func everyOther(
        _ source: any RawBatchSource, offset: Int, key: [UInt8], server: String,
        codec: any RedisCodec<Element>
    ) -> RedisCursor {
        RedisCursor(source: source) { (raw) throws(PotteryError) in
            var batch: [Element] = []
            batch.reserveCapacity(raw.count / 2)
            var index = offset
            do throws(PotteryError) {
                while index < raw.count {
                    batch.append(try codec.decode(raw[index]))
                    index += 2
                }
            } catch {
                throw error.with(key: key, server: server)
            }
            return batch
        }
    }
}

/// Fast paths for stored bytes: no codec call per element, so the CLI's byte paths cost what a
/// raw scan costs.
extension RedisCursor {
    /// ``elements(_:key:server:codec:)``, wrapping bytes directly when `Element` is ``StoredValue``.
    static func storedOrDecoded(
        _ source: any RawBatchSource, key: [UInt8], server: String, codec: any RedisCodec<Element>
    ) -> RedisCursor {
        if let cursor = RedisCursor<StoredValue>(source: source, decodeBatch: wrapStored) as? RedisCursor {
            return cursor
        }
        return .elements(source, key: key, server: server, codec: codec)
    }

    /// ``pairs(_:key:server:first:second:)``, wrapping bytes directly for two ``StoredValue``s.
    static func storedOrDecodedPairs<First, Second>(
        _ source: any RawBatchSource, key: [UInt8], server: String, first: any RedisCodec<First>,
        second: any RedisCodec<Second>
    ) -> RedisCursor where Element == (First, Second) {
        if let cursor = RedisCursor<(StoredValue, StoredValue)>(source: source, decodeBatch: wrapStoredPairs)
            as? RedisCursor
        {
            return cursor
        }
        return .pairs(source, key: key, server: server, first: first, second: second)
    }

    /// ``everyOther(_:offset:key:server:codec:)``, wrapping bytes directly for ``StoredValue``.
    static func storedOrDecodedEveryOther(
        _ source: any RawBatchSource, offset: Int, key: [UInt8], server: String,
        codec: any RedisCodec<Element>
    ) -> RedisCursor {
        let wrap = { (raw: [[UInt8]]) throws(PotteryError) -> [StoredValue] in
            stride(from: offset, to: raw.count, by: 2).map { StoredValue(bytes: raw[$0]) }
        }
        if let cursor = RedisCursor<StoredValue>(source: source, decodeBatch: wrap) as? RedisCursor {
            return cursor
        }
        return .everyOther(source, offset: offset, key: key, server: server, codec: codec)
    }
}

private func wrapStored(_ raw: [[UInt8]]) -> [StoredValue] {
    raw.map(StoredValue.init(bytes:))
}

private func wrapStoredPairs(_ raw: [[UInt8]]) -> [(StoredValue, StoredValue)] {
    stride(from: 0, to: raw.count - 1, by: 2).map {
        (StoredValue(bytes: raw[$0]), StoredValue(bytes: raw[$0 + 1]))
    }
}
