import Testing
import TouchbaseCore
import TouchbaseTestSupport

@Suite struct RecordIDGeneratorTests {
    static let device = DeviceID(hex: "0123456789abcdeffedcba9876543210")!
    static let start: UInt64 = 1_772_442_000_000

    /// The time field: the id's last 6 bytes, big-endian.
    static func time(_ id: RecordID) -> UInt64 { id.raw.low & RecordIDGenerator.timeMask }

    @Test("Layout: 4 random bytes, the device's first 6 bytes, a 48-bit time in milliseconds")
    func layout() {
        var random = SeededGenerator(seed: SeededGenerator.seed(fallback: 71))
        var ids = RecordIDGenerator(device: Self.device)
        let id = ids.next(at: Self.start, using: &random)
        let bytes = id.raw.bytes
        #expect(Array(bytes[4..<10]) == Array(Self.device.raw.bytes[0..<6]), "seed \(random.seed)")
        #expect(Array(bytes[10..<16]) == [0x01, 0x9c, 0xad, 0xc6, 0x9a, 0x80], "seed \(random.seed)")
        #expect(Self.time(id) == Self.start)
        #expect(ids.lastTime == Self.start)
        // The prefix is the random source's next 32 bits.
        var replay = SeededGenerator(seed: random.seed)
        #expect(id.raw.high >> 32 == UInt64(replay.next() as UInt32))
    }

    @Test("The first 4 bytes spread as random ids do: handles and typed prefixes stay unique")
    func prefixSpread() {
        let seed = SeededGenerator.seed(fallback: 72)
        var random = SeededGenerator(seed: seed)
        var ids = RecordIDGenerator(device: Self.device)
        var handles = Set<String>(), firstDigits = [Character: Int]()
        for i in 0..<10_000 {
            let id = ids.next(at: Self.start + UInt64(i / 10), using: &random)
            handles.insert(String(id.hex.prefix(8)))
            firstDigits[id.hex.first!, default: 0] += 1
        }
        // 10,000 random 32-bit values collide about 0.012 times on average; 3 or more has odds
        // below 1 in 10^7. Bytes that were not random (a device or time first) collide thousands of times.
        #expect(handles.count >= 9_998, "seed \(seed)")
        // Every first hex digit appears about 625 times (±5 standard deviations is 500…750).
        #expect(firstDigits.count == 16, "seed \(seed)")
        #expect(firstDigits.values.allSatisfy { (500...750).contains($0) }, "seed \(seed): \(firstDigits)")
    }

    @Test("Time strictly increases under a stopped clock and under a clock that goes back")
    func strictlyIncreasing() {
        var random = SeededGenerator(seed: SeededGenerator.seed(fallback: 73))
        var ids = RecordIDGenerator(device: Self.device)
        var times: [UInt64] = []
        for _ in 0..<1_000 { times.append(Self.time(ids.next(at: Self.start, using: &random))) }
        #expect(times == (0..<1_000).map { Self.start + UInt64($0) })
        // The clock goes back an hour: the time field goes on from the last one.
        let back = ids.next(at: Self.start - 3_600_000, using: &random)
        #expect(Self.time(back) == Self.start + 1_000)
        // The clock catches up and passes: its time is taken again.
        let later = ids.next(at: Self.start + 5_000, using: &random)
        #expect(Self.time(later) == Self.start + 5_000)
        #expect(Self.time(ids.next(at: Self.start + 5_000, using: &random)) == Self.start + 5_001)
        #expect(Self.time(ids.next(at: 0, using: &random)) == Self.start + 5_002)
    }

    @Test("Two generators of one device on one clock (two copies of a database) make different ids")
    func copiesDiffer() {
        let seed = SeededGenerator.seed(fallback: 74)
        var randomA = SeededGenerator(seed: seed), randomB = SeededGenerator(seed: seed &+ 1)
        var a = RecordIDGenerator(device: Self.device), b = RecordIDGenerator(device: Self.device)
        var seen = Set<RecordID>()
        for i in 0..<10_000 {
            let now = Self.start + UInt64(i / 100)
            let x = a.next(at: now, using: &randomA), y = b.next(at: now, using: &randomB)
            #expect(Self.time(x) == Self.time(y), "seed \(seed)")
            #expect(x != y, "seed \(seed)")
            seen.insert(x)
            seen.insert(y)
        }
        #expect(seen.count == 20_000, "seed \(seed)")
    }

    @Test("Another device's ids carry its own bytes")
    func otherDevice() {
        var random = SeededGenerator(seed: SeededGenerator.seed(fallback: 75))
        let other = DeviceID(hex: "fedcba98765432100123456789abcdef")!
        var a = RecordIDGenerator(device: Self.device), b = RecordIDGenerator(device: other)
        let x = a.next(at: Self.start, using: &random), y = b.next(at: Self.start, using: &random)
        #expect(Array(x.raw.bytes[4..<10]) != Array(y.raw.bytes[4..<10]))
        #expect(Array(y.raw.bytes[4..<10]) == [0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54])
    }
}
