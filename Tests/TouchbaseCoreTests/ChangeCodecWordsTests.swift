import Testing
@testable import TouchbaseCore
import TouchbaseTestSupport

/// The word-coded Change batch (version 3, format 4.0, Protocol/SPEC.md §7.2): round trips, a pinned
/// encoding, the split columns, and hostile input that must throw `CodecError`, never trap, and
/// never expand past the text limit.
@Suite struct ChangeCodecWordsTests {
    static let d1 = Fixtures.device(1)

    @Test func emptyBatch() throws {
        let bytes = ChangeCodec.encodeWords([])
        #expect(bytes == [3, 0, 0, 0, 0, 0])
        #expect(try ChangeCodec.decode(bytes) == [])
    }

    @Test func richBatchRoundTrips() throws {
        let batch = ChangeCodecTests.richBatch
        let bytes = ChangeCodec.encodeWords(batch)
        #expect(bytes.first == ChangeCodec.wordsVersion)
        #expect(try ChangeCodec.decode(bytes) == batch)
    }

    @Test("Texts cut at spaces come back byte for byte")
    func spacesAndEdges() throws {
        let texts = ["", " ", "  ", "a", "a b", " a", "a ", "a  b", "  lead and trail  ", "naïve 🚀 日本 naïve", "tab\tand\nnewline",
                     "\u{00A0}no-break space", String(repeating: "x ", count: 200)]
        let ops = texts.enumerated().map { Op(entity: "contact", record: Fixtures.record(UInt64($0.offset % 3)), field: "f\($0.offset)", value: .text($0.element)) }
            + [Op(entity: "contact", record: Fixtures.record(9), field: "emails", value: .texts(texts)),
               Op(entity: "contact", record: Fixtures.record(9), field: "none", value: .texts([]))]
        let batch = [Change(device: Self.d1, seq: 1, hlc: HLC(raw: 1 << 16), deps: VersionVector(), ops: ops)]
        #expect(try ChangeCodec.decode(ChangeCodec.encodeWords(batch)) == batch)
    }

    @Test("Random batches round trip, chained and unchained")
    func randomBatches() throws {
        var g = SeededGenerator(seed: 47)
        let words = ["met", "coffee", "", "Ada", "日本", "a b", " ", "x"]
        for round in 0..<200 {
            var batch: [Change] = []
            var prev: Change?
            for _ in 0..<Int.random(in: 0..<6, using: &g) {
                var deps = VersionVector()
                for d in 2...3 where Bool.random(using: &g) { deps[Fixtures.device(UInt64(d))] = UInt64.random(in: 1..<1_000, using: &g) }
                let ops = (0..<Int.random(in: 0..<5, using: &g)).map { _ -> Op in
                    let text = (0..<Int.random(in: 1..<5, using: &g)).map { _ in words.randomElement(using: &g)! }.joined(separator: " ")
                    let value: Value = Bool.random(using: &g) ? .text(text) : ChangeCodecTests.allValues.randomElement(using: &g)!
                    return Op(entity: "contact", record: Fixtures.record(UInt64.random(in: 0..<300, using: &g)), field: "name", value: value)
                }
                let seq = (prev?.seq ?? 0) + 1
                var c = Change(device: Self.d1, seq: seq, hlc: HLC(raw: g.next()), deps: deps, ops: ops)
                if round % 2 == 1 {
                    c.prev = prev?.digest() ?? (seq > 1 ? Array(repeating: 7, count: 32) : nil)
                    c.depDigests = Dictionary(uniqueKeysWithValues: deps.entries.keys.map { ($0, Array(repeating: UInt8(truncatingIfNeeded: seq), count: 32)) })
                }
                batch.append(c)
                prev = c
            }
            #expect(try ChangeCodec.decode(ChangeCodec.encodeWords(batch)) == batch)
        }
    }

    /// The digest of a Change is taken over its version 1 or 2 encoding, whatever a file holds.
    @Test func digestsDoNotDependOnTheFileEncoding() throws {
        let batch = ChangeCodecTests.richBatch
        let decoded = try ChangeCodec.decode(ChangeCodec.encodeWords(batch))
        #expect(decoded.map { $0.digest() } == batch.map { $0.digest() })
        #expect(batch.allSatisfy { ChangeCodec.encode([$0]).first != ChangeCodec.wordsVersion })
    }

    /// The encoding pinned byte for byte: the word table after the record table, ordered by use; the
    /// chain column; the record column split; texts as word counts, then split word indexes.
    @Test func goldenEncoding() throws {
        let r1 = Fixtures.record(1)
        let batch = [Change(device: Self.d1, seq: 1, hlc: HLC(milliseconds: 1, counter: 0), deps: VersionVector(), ops: [
            Op(entity: "contact", record: r1, field: "name", value: .text("a b a")),
            Op(entity: "contact", record: r1, field: "note", value: .texts(["b", ""])),
        ])]
        var expected: [UInt8] = [3, 3, 7] + Array("contact".utf8) + [4] + Array("name".utf8) + [4] + Array("note".utf8)
        expected += [1] + Self.d1.raw.bytes + [1] + r1.raw.bytes
        expected += [3, 1, 0x61, 1, 0x62, 0]          // words by use: "a" (2), "b" (2), "" (1)
        expected += [1, 0, 0, 2, 0, 0, 0, 2]          // 1 Change: device, seq, ms, counter, chain, deps, nOps
        expected += [0, 0, 1, 2, 0x04, 0x07]          // entity, field, tag columns
        expected += [1, 0]                            // record codes (first bytes; no more bytes follow)
        expected += [2, 2, 0, 0]                      // words − 1 per text; the texts value gives its count first
        expected += [0, 1, 0, 1, 2]                   // word indexes
        #expect(ChangeCodec.encodeWords(batch) == expected)
        #expect(try ChangeCodec.decode(expected) == batch)
    }

    @Test func splitColumnsKeepTheBytesAfterTheFirstApart() throws {
        var w = ByteWriter()
        ChangeCodec.writeSplit([1, 300, 0, 1 << 20, .max], into: &w)
        // First bytes, then the bytes that follow each one's first.
        #expect(Array(w.bytes.prefix(5)) == [1, 0xAC, 0, 0x80, 0xFF])
        #expect(Array(w.bytes[5..<7]) == [0x02, 0x80])
        var r = ByteReader(w.bytes)
        #expect(try ChangeCodec.readSplit(5, &r) == [1, 300, 0, 1 << 20, .max])
        #expect(r.isAtEnd)
        // A value past 64 bits is malformed.
        var over = ByteReader([0xFF] + Array(repeating: 0xFF, count: 8) + [0x7F])
        #expect(throws: CodecError.self) { try ChangeCodec.readSplit(1, &over) }
    }

    @Test func manyWordsUseTwoByteIndexes() throws {
        let ops = (0..<400).map { i in
            Op(entity: "contact", record: Fixtures.record(UInt64(i)), field: "notes", value: .text("w\(i) common w\(i * 7 % 400)"))
        }
        let batch = [Change(device: Self.d1, seq: 1, hlc: HLC(raw: 1 << 16), deps: VersionVector(), ops: ops)]
        let bytes = ChangeCodec.encodeWords(batch)
        #expect(try ChangeCodec.decode(bytes) == batch)
        // The most used word comes first in the table.
        var r = ByteReader(bytes)
        _ = try r.byte()
        for _ in 0..<(try r.count(limit: 10)) { _ = try r.string() }
        _ = try r.raw(16 * (try r.count(limit: 10)))
        _ = try r.raw(16 * (try r.count(limit: 400)))
        _ = try r.count(limit: 1_000)
        #expect(try r.string() == "common")
    }

    static func single(_ text: Value) -> [Change] {
        [Change(device: d1, seq: 1, hlc: HLC(raw: 1 << 16), deps: VersionVector(),
                ops: [Op(entity: "contact", record: Fixtures.record(1), field: "name", value: text)])]
    }

    @Test func everyStrictPrefixThrows() throws {
        let bytes = ChangeCodec.encodeWords(ChangeCodecTests.richBatch + Self.single(.text("one two three")).map {
            var c = $0
            c.seq = 2
            return c
        })
        for n in 0..<bytes.count {
            #expect(throws: CodecError.self, "prefix \(n)") { try ChangeCodec.decode(Array(bytes.prefix(n))) }
        }
    }

    @Test func bitFlipsNeverTrap() throws {
        let bytes = ChangeCodec.encodeWords(ChangeCodecTests.richBatch)
        for i in bytes.indices {
            for bit in [0, 3, 7] {
                var b = bytes
                b[i] ^= UInt8(1 << bit)
                _ = try? ChangeCodec.decode(b)
            }
        }
    }

    @Test func wordFaultsAreMalformed() throws {
        let good = ChangeCodec.encodeWords(Self.single(.text("a b")))
        // The word table sits right after the record table: [2, 1, 'a', 1, 'b'] (both used once).
        let table = 1 + 1 + (1 + 7) + (1 + 4) + (1 + 16) + (1 + 16)
        #expect(Array(good[table..<(table + 5)]) == [2, 1, 0x61, 1, 0x62])
        var spaced = good
        spaced[table + 2] = 0x20
        #expect(throws: CodecError.malformed("a word holding a space", at: table + 1)) { try ChangeCodec.decode(spaced) }
        var invalid = good
        invalid[table + 2] = 0xC3
        #expect(throws: CodecError.self) { try ChangeCodec.decode(invalid) }
        var outOfRange = good
        outOfRange[good.count - 1] = 2
        #expect(throws: CodecError.self) { try ChangeCodec.decode(outOfRange) }
        var tooMany = good
        tooMany[good.count - 3] = 0x7F
        #expect(throws: CodecError.self) { try ChangeCodec.decode(tooMany) }
        #expect(try ChangeCodec.decode(good) == Self.single(.text("a b")))
    }

    /// A long word referenced many times would expand a small file into gigabytes of text: a
    /// changes file may make at most 64 MiB of text. The rule is checked against a 64 KiB limit
    /// (the same code, a thousandth of the text to build in a debug test run).
    @Test func textExpansionIsBounded() throws {
        #expect(ChangeCodec.Limits.file.maxTextBytes == 64 << 20)
        var limits = ChangeCodec.Limits.file
        limits.maxTextBytes = 64 << 10
        let word = String(repeating: "x", count: 1_024)
        let ops = (0..<66).map { _ in Op(entity: "contact", record: Fixtures.record(1), field: "notes", value: .text(word)) }
        let bytes = ChangeCodec.encodeWords([Change(device: Self.d1, seq: 1, hlc: HLC(raw: 1 << 16), deps: VersionVector(), ops: ops)])
        #expect(bytes.count < 2_000)
        let error = #expect(throws: CodecError.self) { try ChangeCodec.decode(bytes, limits: limits) }
        #expect(error?.code == .overLimit)
        let fits = ChangeCodec.encodeWords([Change(device: Self.d1, seq: 1, hlc: HLC(raw: 1 << 16), deps: VersionVector(), ops: Array(ops.prefix(63)))])
        #expect(try ChangeCodec.decode(fits, limits: limits).first?.ops.count == 63)
        #expect(try ChangeCodec.decode(bytes, limits: .file).first?.ops.count == 66)
    }
}
