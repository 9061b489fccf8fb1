@testable import RedisClient
import RedisTestSupport
import Testing

@Suite struct SHA1Tests {
    @Test func knownVectors() {
        #expect(SHA1.hexDigest(of: []) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(SHA1.hexDigest(of: b("abc")) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(
            SHA1.hexDigest(of: b("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))
                == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        #expect(
            SHA1.hexDigest(of: b("The quick brown fox jumps over the lazy dog"))
                == "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12")
        #expect(
            SHA1.hexDigest(of: [UInt8](repeating: 0x61, count: 1_000_000))
                == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    @Test func matchesScriptLoadAtEveryBlockBoundary() throws {
        let connection = try connect()
        for length in [0, 1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000] {
            let source =
                "return '" + String(repeating: "é", count: length / 2)
                + String(repeating: "x", count: length % 2) + "'"
            let script = RedisScript(source)
            let loaded = try connection.call([b("SCRIPT"), b("LOAD"), b(source)])
            #expect(loaded.string == script.sha1, "length \(length)")
        }
    }
}
