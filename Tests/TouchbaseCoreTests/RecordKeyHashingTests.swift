import Testing
import TouchbaseCore
import TouchbaseTestSupport

/// The hash sets and dictionaries place record ids, record keys and device ids by (``RecordID/_rawHashValue(seed:)``):
/// equal values hash equally under every seed, and ids that share most of their bytes (one
/// device's ids, sequential ids) still spread over a table's low bits.
@Suite struct RecordKeyHashingTests {
    /// Ids whose upper 12 bytes are one device's and whose last 4 count up, or whose high half
    /// counts up and low half is fixed: the worst layouts for a hash that keeps some bits as they are.
    static func sharedByteIDs(_ n: Int) -> [[RecordID]] {
        let counting = (0..<n).map { RecordID(ID128(high: 0x1234_5678_9ABC_DEF0, low: 0x0102_0304_0000_0000 | UInt64($0))) }
        let highCounting = (0..<n).map { RecordID(ID128(high: UInt64($0) << 16, low: 0xFEDC_BA98_7654_3210)) }
        var g = SeededGenerator(seed: 7)
        let random = (0..<n).map { _ in RecordID.random(using: &g) }
        return [counting, highCounting, random]
    }

    @Test func equalValuesHashEquallyUnderEverySeed() {
        var g = SeededGenerator(seed: 1)
        for _ in 0..<200 {
            let id = RecordID.random(using: &g)
            let copy = RecordID(ID128(high: id.raw.high, low: id.raw.low))
            let seed = Int(bitPattern: UInt(g.next()))
            #expect(id._rawHashValue(seed: seed) == copy._rawHashValue(seed: seed))
            #expect(RecordKey(entity: "contact", record: id)._rawHashValue(seed: seed)
                    == RecordKey(entity: "contact", record: copy)._rawHashValue(seed: seed))
            #expect(DeviceID(id.raw)._rawHashValue(seed: seed) == DeviceID(copy.raw)._rawHashValue(seed: seed))
        }
    }

    /// 4,096 ids into 4,096 buckets by the low 12 bits of their hash: random placement fills
    /// about 63% of them (1 − 1/e); a hash that passed a counter through would fill far fewer
    /// or, for the high-half counter, one.
    @Test func sharedBytesSpreadOverLowBits() {
        let n = 4_096
        for (layout, ids) in Self.sharedByteIDs(n).enumerated() {
            for seed in [0, 1, -7, 0x5EED_5EED] {
                let buckets = Set(ids.map { $0._rawHashValue(seed: seed) & (n - 1) })
                #expect(buckets.count > n * 55 / 100, "layout \(layout), seed \(seed): \(buckets.count) buckets of \(n)")
            }
        }
    }

    @Test func setsAndDictionariesKeepKeysOfTwoEntitiesApart() {
        var keys = Set<RecordKey>()
        var values: [RecordKey: Int] = [:]
        for (i, id) in Self.sharedByteIDs(2_000)[0].enumerated() {
            for entity in ["contact", "hub"] {
                let key = RecordKey(entity: entity, record: id)
                #expect(keys.insert(key).inserted)
                values[key] = i
            }
        }
        #expect(keys.count == 4_000)
        #expect(values.count == 4_000)
        for (i, id) in Self.sharedByteIDs(2_000)[0].enumerated() {
            #expect(keys.contains(RecordKey(entity: "hub", record: id)))
            #expect(values[RecordKey(entity: "contact", record: id)] == i)
            #expect(!keys.contains(RecordKey(entity: "tag", record: id)))
        }
    }

    /// Ids built so that a mix which combined the two halves before the seed (`high ^ low × c`,
    /// `high ^ low`, `high + low`, or the halves swapped) would give them all one hash under every
    /// seed: a hostile folder could then fill one bucket of every peer's tables. Here they spread
    /// like random ids under each seed.
    @Test func idsMadeToCollideWithoutTheSeedSpread() {
        let n = 4_096, target: UInt64 = 0x0123_4567_89AB_CDEF
        var g = SeededGenerator(seed: 9)
        let lows = (0..<n).map { _ in g.next() as UInt64 }
        let families: [(String, [RecordID])] = [
            ("xor after multiply", lows.map { RecordID(ID128(high: target ^ ($0 &* 0x9E37_79B9_7F4A_7C15), low: $0)) }),
            ("xor", lows.map { RecordID(ID128(high: target ^ $0, low: $0)) }),
            ("sum", lows.map { RecordID(ID128(high: target &- $0, low: $0)) }),
            ("swapped", lows.flatMap { [RecordID(ID128(high: $0, low: target)), RecordID(ID128(high: target, low: $0))] }),
        ]
        for (name, ids) in families {
            for seed in [0, 1, -7, 0x5EED_5EED, Int(bitPattern: UInt(g.next()))] {
                let buckets = Set(ids.map { $0._rawHashValue(seed: seed) & (n - 1) })
                #expect(buckets.count > min(ids.count, n) * 55 / 100, "\(name), seed \(seed): \(buckets.count) buckets of \(n)")
                #expect(Set(ids.map { $0._rawHashValue(seed: seed) }).count >= ids.count - 1, "\(name), seed \(seed): full hashes collide")
            }
        }
    }
}
