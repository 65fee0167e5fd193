import Testing
@testable import TouchbaseCore
import TouchbaseTestSupport

/// A batch of one Change with one op (a single local edit: its log row and its digest) is encoded
/// by a fast path; on random such Changes (every value kind, chained or not, with or without a
/// link, deps and their digests, the same or another record referenced) it must give exactly the
/// bytes of the general encoder, and decode back to the Change.
@Suite struct ChangeCodecSingleTests {
    static func randomValue(_ rng: inout SeededGenerator, record: RecordID) -> Value {
        switch Int.random(in: 0...11, using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .int(Int64.random(in: -1_000_000...1_000_000, using: &rng))
        case 3: return .text(["", "Ada", "Grace Hopper", "é ü ß", String(repeating: "x", count: 200)].randomElement(using: &rng)!)
        case 4: return .date(CalendarDate(year: Bool.random(using: &rng) ? 2026 : nil, month: Int.random(in: 1...12, using: &rng), day: 1)!)
        case 5: return .ref(Bool.random(using: &rng) ? record : Fixtures.record(UInt64.random(in: 1...9, using: &rng)))
        case 6: return .texts((0..<Int.random(in: 0...3, using: &rng)).map { "t\($0)" })
        case 7: return .refs((0..<Int.random(in: 0...3, using: &rng)).map { _ in Fixtures.record(UInt64.random(in: 1...9, using: &rng)) })
        case 8: return .unknown(tag: UInt8.random(in: 0x40...0xFF, using: &rng), bytes: [1, 2, 3])
        // Tags a reader never makes: a reserved one (no column) and a tag-only one with bytes.
        case 9: return .unknown(tag: 0x10, bytes: [9])
        case 10: return .unknown(tag: 0x00, bytes: [7, 7])
        default: return .unknown(tag: 0x04, bytes: [0x41])
        }
    }

    static func randomChange(_ rng: inout SeededGenerator) -> Change {
        let device = Fixtures.device(UInt64.random(in: 1...6, using: &rng))
        let seq = UInt64.random(in: 1...3, using: &rng) == 1 ? 1 : UInt64.random(in: 2...100_000, using: &rng)
        var deps: [DeviceID: UInt64] = [:]
        for d in 1...6 where Int.random(in: 0...2, using: &rng) == 0 { deps[Fixtures.device(UInt64(d))] = UInt64.random(in: 1...5_000, using: &rng) }
        let chained = Bool.random(using: &rng)
        var digests: [DeviceID: [UInt8]] = [:]
        if chained {
            // A chained Change carries a digest for each of its deps (the unknown one at times).
            for d in deps.keys {
                digests[d] = Bool.random(using: &rng) ? ChangeCodec.unknownDigest : (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
            }
        }
        let prev: [UInt8]? = chained && seq > 1 ? (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) } : nil
        let record = Fixtures.record(UInt64.random(in: 1...9, using: &rng))
        let entity = ["contact", "interaction", "x-future"].randomElement(using: &rng)!
        // Sometimes a field named like its entity (one name in the table).
        let field = Int.random(in: 0...9, using: &rng) == 0 ? entity : ["name", "notes", "stage", "deleted"].randomElement(using: &rng)!
        let hlc = HLC(milliseconds: UInt64.random(in: 0...ChangeCodec.maxMilliseconds, using: &rng), counter: UInt16.random(in: 0...UInt16.max, using: &rng))
        return Change(device: device, seq: seq, hlc: hlc, deps: VersionVector(deps),
                      ops: [Op(entity: entity, record: record, field: field, value: randomValue(&rng, record: record))],
                      prev: prev, depDigests: digests)
    }

    @Test func theFastPathWritesTheGeneralEncodersBytes() throws {
        var rng = SeededGenerator(seed: 0xC0DE_5111)
        var fast = 0, chained = 0, decoded = 0
        for _ in 0..<4_000 {
            let c = Self.randomChange(&rng)
            let general = ChangeCodec.encodeColumns([c], hash: SHA256Digest.hash, words: false)
            if let single = ChangeCodec.encodeSingle(c) {
                fast += 1
                #expect(single == general, "\(c)")
            }
            if c.isChained { chained += 1 }
            #expect(ChangeCodec.encode([c]) == general)
            #expect(c.digest() == SHA256Digest.hash(general))
            if case .unknown(let tag, _) = c.ops[0].value, tag < ChangeCodec.Tag.firstSized { continue }
            #expect(try ChangeCodec.decode(ChangeCodec.encode([c])) == [c])
            decoded += 1
        }
        #expect(fast > 3_000 && chained > 1_500 && decoded > 2_500)
    }

    @Test func changesOfSeveralOpsOrManyRecordsTakeTheGeneralPath() {
        let d = Fixtures.device(1), r = Fixtures.record(1)
        let two = Change(device: d, seq: 1, hlc: HLC(milliseconds: 5, counter: 0), deps: VersionVector(),
                         ops: [Op(entity: "contact", record: r, field: "name", value: .text("A")),
                               Op(entity: "contact", record: r, field: "notes", value: .text("B"))])
        let refs = Change(device: d, seq: 1, hlc: HLC(milliseconds: 5, counter: 0), deps: VersionVector(),
                          ops: [Op(entity: "contact", record: r, field: "tags", value: .refs([Fixtures.record(2)]))])
        let none = Change(device: d, seq: 1, hlc: HLC(milliseconds: 5, counter: 0), deps: VersionVector(), ops: [])
        #expect(ChangeCodec.encodeSingle(two) == nil && ChangeCodec.encodeSingle(refs) == nil && ChangeCodec.encodeSingle(none) == nil)
        for c in [two, refs, none] { #expect(ChangeCodec.encode([c]) == ChangeCodec.encodeColumns([c], hash: SHA256Digest.hash, words: false)) }
    }
}
