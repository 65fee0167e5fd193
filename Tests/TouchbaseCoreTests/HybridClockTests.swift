import Testing
import TouchbaseCore
import TouchbaseTestSupport

@Suite struct HLCTests {
    @Test func packing() {
        let h = HLC(milliseconds: 1_767_603_600_000, counter: 7)
        #expect(h.raw == 1_767_603_600_000 << 16 | 7)
        #expect(h.milliseconds == 1_767_603_600_000)
        #expect(h.counter == 7)
        #expect(h.description == "1767603600000.7")
        #expect(HLC(raw: h.raw) == h)
        #expect(HLC.zero.raw == 0)
        // Milliseconds keep 48 bits.
        #expect(HLC(milliseconds: 0x1_FFFF_FFFF_FFFF, counter: 0).milliseconds == 0xFFFF_FFFF_FFFF)
    }

    @Test("Packed order is the order of (milliseconds, counter)")
    func order() {
        var g = SeededGenerator(seed: 11)
        for _ in 0..<500 {
            let a = HLC(milliseconds: UInt64.random(in: 0..<4, using: &g), counter: UInt16.random(in: 0...UInt16.max, using: &g))
            let b = HLC(milliseconds: UInt64.random(in: 0..<4, using: &g), counter: UInt16.random(in: 0...UInt16.max, using: &g))
            #expect((a < b) == ((a.milliseconds, a.counter) < (b.milliseconds, b.counter)))
        }
    }
}

@Suite struct HybridClockTests {
    static let now: UInt64 = 1_767_603_600_000
    static let day: UInt64 = 86_400_000

    @Test func followsWallTime() {
        var c = HybridClock()
        #expect(c.tick(wallMilliseconds: Self.now) == HLC(milliseconds: Self.now, counter: 0))
        #expect(c.tick(wallMilliseconds: Self.now + 5) == HLC(milliseconds: Self.now + 5, counter: 0))
        #expect(c.last == HLC(milliseconds: Self.now + 5, counter: 0))
    }

    @Test func countsWithinOneMillisecond() {
        var c = HybridClock()
        let a = c.tick(wallMilliseconds: Self.now), b = c.tick(wallMilliseconds: Self.now), d = c.tick(wallMilliseconds: Self.now)
        #expect(a < b && b < d)
        #expect(d == HLC(milliseconds: Self.now, counter: 2))
    }

    @Test func monotonicWhenWallTimeGoesBackwards() {
        var c = HybridClock()
        let a = c.tick(wallMilliseconds: Self.now)
        let b = c.tick(wallMilliseconds: Self.now - 10_000)
        let d = c.tick(wallMilliseconds: Self.now - 3 * Self.day)
        #expect(a < b && b < d)
        #expect(d == HLC(milliseconds: Self.now, counter: 2))
        // Once wall time passes the last stamp again, the clock follows it.
        #expect(c.tick(wallMilliseconds: Self.now + 1) == HLC(milliseconds: Self.now + 1, counter: 0))
    }

    @Test("A full counter moves to the next millisecond")
    func counterOverflow() {
        var c = HybridClock(last: HLC(milliseconds: Self.now, counter: .max))
        #expect(c.tick(wallMilliseconds: Self.now) == HLC(milliseconds: Self.now + 1, counter: 0))
        #expect(c.tick(wallMilliseconds: Self.now) == HLC(milliseconds: Self.now + 1, counter: 1))
        var slow = HybridClock(last: HLC(milliseconds: Self.now, counter: .max))
        #expect(slow.tick(wallMilliseconds: 0) == HLC(milliseconds: Self.now + 1, counter: 0))
    }

    /// Regression: observing the largest stamp a batch can carry made the next tick wrap to
    /// `HLC.zero`, ordering the device's next edit before everything it had seen.
    @Test func neverWrapsToZeroAtTheTopOfTheRange() {
        var c = HybridClock()
        c.observe(HLC(raw: .max))
        #expect(c.tick(wallMilliseconds: Self.now) == HLC(raw: .max))
        #expect(c.tick(wallMilliseconds: Self.now) == HLC(raw: .max))
        var d = HybridClock(last: HLC(milliseconds: 0xFFFF_FFFF_FFFE, counter: .max))
        #expect(d.tick(wallMilliseconds: 0) == HLC(milliseconds: 0xFFFF_FFFF_FFFF, counter: 0))
    }

    @Test func stampsStrictlyIncreaseUnderRandomWallTime() {
        var g = SeededGenerator(seed: 12)
        var c = HybridClock()
        var previous = HLC.zero
        var wall = Self.now
        for _ in 0..<5_000 {
            switch Int.random(in: 0..<4, using: &g) {
            case 0: wall -= UInt64.random(in: 0..<100_000, using: &g)
            case 1: break
            default: wall += UInt64.random(in: 0..<3, using: &g)
            }
            if Bool.random(using: &g) { c.observe(HLC(milliseconds: wall + UInt64.random(in: 0..<50, using: &g), counter: 3)) }
            let t = c.tick(wallMilliseconds: wall)
            #expect(t > previous)
            previous = t
        }
    }

    @Test func observeOfAFutureStampDaysAhead() {
        var c = HybridClock()
        _ = c.tick(wallMilliseconds: Self.now)
        let remote = HLC(milliseconds: Self.now + 3 * Self.day, counter: 9)
        c.observe(remote)
        #expect(c.last == remote)
        let next = c.tick(wallMilliseconds: Self.now)
        #expect(next > remote)
        #expect(next == HLC(milliseconds: Self.now + 3 * Self.day, counter: 10))
    }

    @Test func observeOfAPastStampChangesNothing() {
        var c = HybridClock()
        let t = c.tick(wallMilliseconds: Self.now)
        c.observe(HLC(milliseconds: Self.now - 3 * Self.day, counter: 500))
        #expect(c.last == t)
        #expect(c.tick(wallMilliseconds: Self.now + 1) == HLC(milliseconds: Self.now + 1, counter: 0))
    }

    /// A device whose clock runs days slow still orders its edits after what it has seen, so its
    /// later edit is displayed (and, being causally later, supersedes).
    @Test func slowDeviceEditsAfterSeeingAStampOrderAfterIt() {
        let key = FieldKey(entity: "contact", record: Fixtures.record(1), field: "name")
        var fast = Replica(device: Fixtures.device(2)), slow = Replica(device: Fixtures.device(1))
        let a = fast.commit([Op(entity: "contact", record: key.record, field: "name", value: .text("fast"))],
                            wallMilliseconds: Self.now + 3 * Self.day)
        slow.receive([a])
        let b = slow.commit([Op(entity: "contact", record: key.record, field: "name", value: .text("slow"))],
                            wallMilliseconds: Self.now - 3 * Self.day)
        #expect(b.hlc > a.hlc)
        fast.receive([b])
        #expect(fast.value(key) == .text("slow"))
        #expect(slow.value(key) == .text("slow"))
        #expect(fast.register(key).values.count == 1)
    }

    /// A fast device's stamp is observed by a correct one; the correct device's next edits, made at
    /// its own (earlier) wall time, still order after it.
    @Test func fastStampIsOvertakenOnceSeen() {
        var correct = Replica(device: Fixtures.device(1)), fast = Replica(device: Fixtures.device(2))
        let f = fast.commit([Op(entity: "hub", record: Fixtures.record(1), field: "name", value: .text("f"))],
                            wallMilliseconds: Self.now + 3 * Self.day)
        correct.receive([f])
        var last = f.hlc
        for i in 0..<3 {
            let c = correct.commit([Op(entity: "hub", record: Fixtures.record(1), field: "notes", value: .int(Int64(i)))],
                                   wallMilliseconds: Self.now + UInt64(i))
            #expect(c.hlc > last)
            last = c.hlc
        }
    }
}
