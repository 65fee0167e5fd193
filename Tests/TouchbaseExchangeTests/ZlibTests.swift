import Testing
@testable import TouchbaseExchange

@Suite struct ZlibTests {
    @Test func roundTripsAndIsDeterministic() throws {
        for size in [0, 1, 100, 70_000, 300_000] {
            let input = (0..<size).map { UInt8(truncatingIfNeeded: $0 * 31 / 7) }
            let packed = Zlib.compress(input)
            #expect(packed == Zlib.compress(input))
            #expect(try Zlib.decompress(packed, exactLength: size) == input)
        }
    }

    @Test func rejectsAStreamThatInflatesPastItsDeclaredSize() throws {
        let bomb = Zlib.compress([UInt8](repeating: 0, count: 10_000_000))
        #expect(bomb.count < 20_000)
        expectError(.decompressionFailed) { try Zlib.decompress(bomb, exactLength: 1000) }
        expectError(.decompressionFailed) { try Zlib.decompress(bomb, exactLength: 9_999_999) }
    }

    @Test func rejectsShortStreamsGarbageAndTrailingBytes() throws {
        let packed = Zlib.compress(Array("hello hello hello".utf8))
        expectError(.decompressionFailed) { try Zlib.decompress(packed, exactLength: 18) }
        expectError(.decompressionFailed) { try Zlib.decompress(packed.dropLast(3), exactLength: 17) }
        expectError(.decompressionFailed) { try Zlib.decompress(packed + [0], exactLength: 17) }
        expectError(.decompressionFailed) { try Zlib.decompress([1, 2, 3, 4, 5], exactLength: 17) }
        expectError(.decompressionFailed) { try Zlib.decompress([], exactLength: 0) }
    }
}
