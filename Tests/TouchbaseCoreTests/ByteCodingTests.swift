import Testing
import TouchbaseCore
import TouchbaseTestSupport

/// `ByteWriter` / `ByteReader`: the primitives of every Touchbase encoding.
@Suite struct ByteCodingTests {
    @Test("Varints are unsigned LEB128", arguments: [
        (0, [0x00]), (1, [0x01]), (127, [0x7F]), (128, [0x80, 0x01]), (300, [0xAC, 0x02]),
        (16_384, [0x80, 0x80, 0x01]),
        (.max, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
    ] as [(UInt64, [UInt8])])
    func varints(value: UInt64, bytes: [UInt8]) throws {
        var w = ByteWriter()
        w.varint(value)
        #expect(w.bytes == bytes)
        var r = ByteReader(bytes)
        #expect(try r.varint() == value)
        #expect(r.isAtEnd)
    }

    @Test("Zigzag maps small magnitudes to small varints", arguments: [
        (0, 0), (-1, 1), (1, 2), (-2, 3), (63, 126), (-64, 127), (.max, .max - 1), (.min, .max),
    ] as [(Int64, UInt64)])
    func zigzag(value: Int64, encoded: UInt64) throws {
        var w = ByteWriter(), v = ByteWriter()
        w.zigzag(value)
        v.varint(encoded)
        #expect(w.bytes == v.bytes)
        var r = ByteReader(w.bytes)
        #expect(try r.zigzag() == value)
    }

    @Test func randomRoundTrips() throws {
        var g = SeededGenerator(seed: 21)
        var w = ByteWriter()
        var expected: [(UInt64, Int64, String, UInt32, UInt64)] = []
        for _ in 0..<300 {
            let shift = UInt64.random(in: 0..<64, using: &g)
            let row = (g.next() >> shift, Int64(bitPattern: g.next()) >> Int64(shift), String(repeating: "é", count: Int(shift)),
                       UInt32(truncatingIfNeeded: g.next()), g.next())
            expected.append(row)
            w.varint(row.0); w.zigzag(row.1); w.string(row.2); w.uint32BE(row.3); w.uint64BE(row.4)
        }
        var r = ByteReader(w.bytes)
        for row in expected {
            #expect(try r.varint() == row.0)
            #expect(try r.zigzag() == row.1)
            #expect(try r.string() == row.2)
            #expect(try r.uint32BE() == row.3)
            #expect(try r.uint64BE() == row.4)
        }
        #expect(r.isAtEnd)
    }

    @Test func bigEndianFixedWidth() throws {
        var w = ByteWriter()
        w.uint32BE(0x0102_0304)
        w.uint64BE(0x0A0B_0C0D_0E0F_1011)
        #expect(w.bytes == [1, 2, 3, 4, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x11])
    }

    @Test func varintLongerThanTenBytesIsMalformed() {
        var r = ByteReader([UInt8](repeating: 0x80, count: 10) + [0x00])
        #expect(throws: CodecError.self) { try r.varint() }
    }

    @Test func varintOverflowingSixtyFourBitsIsMalformed() {
        var r = ByteReader([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02])
        #expect(throws: CodecError.malformed("varint overflows 64 bits", at: 9)) { try r.varint() }
    }

    @Test func truncation() {
        var r = ByteReader([0x80])
        #expect(throws: CodecError.truncated(at: 1)) { try r.varint() }
        var e = ByteReader([])
        #expect(throws: CodecError.truncated(at: 0)) { try e.byte() }
        var s = ByteReader([0x05, 0x61])
        #expect(throws: CodecError.self) { try s.string() }
        var f = ByteReader([1, 2, 3])
        #expect(throws: CodecError.self) { try f.uint32BE() }
        var n = ByteReader([1, 2, 3])
        #expect(throws: CodecError.self) { try n.raw(-1) }
    }

    @Test func countLimit() throws {
        var w = ByteWriter()
        w.varint(10)
        var r = ByteReader(w.bytes)
        #expect(throws: CodecError.malformed("count 10 exceeds 9", at: 0)) { try r.count(limit: 9) }
        var ok = ByteReader(w.bytes)
        #expect(try ok.count(limit: 10) == 10)
        var huge = ByteReader([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
        #expect(throws: CodecError.self) { try huge.count(limit: .max) }
    }

    @Test func invalidUTF8IsMalformed() {
        var r = ByteReader([0x02, 0xC3, 0x28])
        #expect(throws: CodecError.malformed("invalid UTF-8", at: 0)) { try r.string() }
    }

    /// Random byte strings, mostly near-valid UTF-8 (ASCII, multi-byte sequences, cut ones,
    /// surrogates, overlongs, bytes above U+10FFFF): the reader accepts exactly what the standard
    /// library's validating initializer accepts, gives the same text, and ends where the string ends.
    @Test func stringsAcceptExactlyValidUTF8() throws {
        var rng = SeededGenerator(seed: SeededGenerator.seed(fallback: 0x5EED_0075_7F08))
        let pieces: [[UInt8]] = [
            [0x61], [0x7A, 0x30], [0x00], [0x7F], [0xC3, 0xA9], [0xE6, 0x9D, 0xB1], [0xF0, 0x9F, 0x98, 0x80],
            [0xC3], [0xE6, 0x9D], [0xF0, 0x9F, 0x98], [0x80], [0xBF], [0xFF], [0xFE], [0xC0, 0xAF],
            [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xEF, 0xBF, 0xBD],
        ]
        var accepted = 0
        for _ in 0..<20_000 {
            var text: [UInt8] = []
            for _ in 0..<Int.random(in: 0...6, using: &rng) {
                let asciiOnly = Int.random(in: 0..<3, using: &rng) == 0
                text += asciiOnly ? [UInt8.random(in: 0...0x7F, using: &rng)] : pieces.randomElement(using: &rng)!
            }
            var w = ByteWriter()
            w.varint(UInt64(text.count))
            let bytes = w.bytes + text + [0x2A]
            var r = ByteReader(bytes)
            let expected = String(validating: text, as: UTF8.self)
            if let expected {
                accepted += 1
                #expect(try r.string() == expected, "seed \(rng.seed): \(text)")
                #expect(try r.byte() == 0x2A, "seed \(rng.seed)")
            } else {
                #expect(throws: CodecError.malformed("invalid UTF-8", at: 0), "seed \(rng.seed): \(text)") { try r.string() }
            }
        }
        #expect(accepted > 2_000 && accepted < 18_000, "seed \(rng.seed): both kinds are drawn")
    }

    /// A length that fits what was left before the length itself, but not after it, is truncation.
    @Test func aStringLongerThanWhatFollowsItsLengthIsTruncated() {
        var r = ByteReader([0x02, 0x61])
        #expect(throws: CodecError.truncated(at: 1)) { try r.string() }
        var cut = ByteReader([0x80, 0x01] + [UInt8](repeating: 0x61, count: 127))
        #expect(throws: CodecError.truncated(at: 2)) { try cut.string() }
    }

    @Test func rangeRestrictsTheReader() throws {
        var r = ByteReader([9, 1, 2, 9], range: 1..<3)
        #expect(r.offset == 1)
        #expect(r.remaining == 2)
        #expect(try r.byte() == 1)
        #expect(try r.byte() == 2)
        #expect(r.isAtEnd)
        #expect(throws: CodecError.truncated(at: 3)) { try r.byte() }
    }

    @Test func errorDescriptions() {
        #expect(CodecError.truncated(at: 4).description == "truncated at byte 4")
        #expect(CodecError.malformed("bad", at: 2).description == "bad at byte 2")
        #expect(CodecError.unsupportedVersion(2).description.contains("version 2"))
    }
}
