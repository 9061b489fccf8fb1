import RedisClient
/// A structure whose elements are all of one type, stored through one codec: encoding and decoding
/// whose errors name the structure's key and server.
protocol ElementCoding: RedisStructure {
    associatedtype Element
    var codec: any RedisCodec<Element> { get }
}

extension ElementCoding {
    func encode(_ element: Element) throws(PotteryError) -> [UInt8] {
        do throws(PotteryError) { return try codec.encode(element) } catch {
            throw error.with(key: keyBytes, server: redis.server)
        }
    }

    /// Every element encoded, in order; the first that has no stored form throws.
    func encode(_ elements: [Element]) throws(PotteryError) -> [[UInt8]] {
        var stored: [[UInt8]] = []
        stored.reserveCapacity(elements.count)
        for element in elements { stored.append(try encode(element)) }
        return stored
    }

    func decode(_ stored: [UInt8]) throws(PotteryError) -> Element {
        do throws(PotteryError) { return try codec.decode(stored) } catch {
            throw error.with(key: keyBytes, server: redis.server)
        }
    }
}

extension RedisSet: ElementCoding {}
extension RedisList: ElementCoding {}
extension RedisCounter: ElementCoding {}
extension RedisSimpleQueue: ElementCoding {}
extension HyperLogLog: ElementCoding {}
extension BloomFilter: ElementCoding {}
