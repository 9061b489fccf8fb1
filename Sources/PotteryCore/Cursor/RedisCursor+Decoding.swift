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
        _ source: any RawBatchSource, offset: Int, key: [UInt8], server: String, codec: any RedisCodec<Element>
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
