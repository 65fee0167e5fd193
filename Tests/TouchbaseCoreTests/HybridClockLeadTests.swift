import Testing
import TouchbaseCore

/// A received stamp pulls the clock along at most ``HybridClock/maxLeadMilliseconds`` ahead of the
/// wall clock (SPEC §13, "Clock stamps"): a forged stamp in the year 6429 cannot push a device there.
@Suite struct HybridClockLeadTests {
    static let now: UInt64 = 1_767_603_600_000
    static let lead = HybridClock.maxLeadMilliseconds

    @Test func aStampWithinTheLeadIsFollowed() {
        var c = HybridClock()
        let remote = HLC(milliseconds: Self.now + Self.lead - 1, counter: 3)
        c.observe(remote, wallMilliseconds: Self.now)
        #expect(c.last == remote)
        #expect(c.tick(wallMilliseconds: Self.now) > remote)
    }

    @Test(arguments: [(UInt64(1) << 47) - 1, (UInt64(1) << 48) - 1] as [UInt64])
    func aFarFutureStampMovesTheClockOnlyToTheLead(ms: UInt64) {
        var c = HybridClock()
        c.observe(HLC(milliseconds: ms, counter: 9), wallMilliseconds: Self.now)
        #expect(c.last.milliseconds == Self.now + Self.lead)
        let next = c.tick(wallMilliseconds: Self.now)
        #expect(next.milliseconds <= Self.now + Self.lead + 1)
        // Once the wall clock has moved past the lead, stamps follow it again.
        #expect(c.tick(wallMilliseconds: Self.now + 2 * Self.lead).milliseconds == Self.now + 2 * Self.lead)
    }

    @Test func theClockNeverGoesBack() {
        var c = HybridClock(last: HLC(milliseconds: Self.now + 30 * 86_400_000, counter: 0))
        c.observe(HLC(milliseconds: Self.now + 40 * 86_400_000, counter: 0), wallMilliseconds: Self.now)
        #expect(c.last == HLC(milliseconds: Self.now + 30 * 86_400_000, counter: 0))
    }

    @Test func theCeilingHoldsAtTheTopOfTheRange() {
        var c = HybridClock()
        c.observe(HLC(raw: .max), wallMilliseconds: 0xFFFF_FFFF_FFFF)
        #expect(c.last == HLC(milliseconds: 0xFFFF_FFFF_FFFF, counter: 0))
    }
}
