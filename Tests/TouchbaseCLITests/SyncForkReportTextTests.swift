import Foundation
import Testing
import TouchbaseCore
import TouchbaseSync
@testable import TouchbaseCLI

/// `sync --json` carries the forks a sync knows (Protocol/SPEC.md §3.6) and the Changes they hold.
@Suite struct SyncForkReportTextTests {
    @Test func forksAndHeldChangesAreInTheJSON() throws {
        let a = DeviceID(ID128(high: 0xA, low: 1)), c = DeviceID(ID128(high: 0xC, low: 3))
        var r = SyncReport()
        let seen = ForkEvidence(device: a, seq: 2, kind: .contentDiffers, file: "changes/\(a.hex)/2-2.tbc")
        let dependent = ForkEvidence(device: c, seq: 4, kind: .dependsOnOtherHistory, file: "changes/x/1-1.tbc",
                                     dependent: Dot(device: a, seq: 9))
        r.forks = [seen, dependent]
        r.newForks = [dependent]
        r.heldByFork = [Dot(device: a, seq: 9)]
        let data = try JSONEncoder().encode(SyncReportJSON(r, names: [:]))
        let o = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let forks = try #require(o["forks"] as? [[String: Any]])
        #expect(forks.count == 2)
        #expect(forks[0]["device"] as? String == a.hex && forks[0]["seq"] as? Int == 2)
        #expect(forks[0]["kind"] as? String == "contentDiffers" && forks[0]["new"] as? Bool == false)
        #expect(forks[1]["new"] as? Bool == true && forks[1]["kind"] as? String == "dependsOnOtherHistory")
        #expect((forks[1]["dependent"] as? [String: Any])?["seq"] as? Int == 9)
        #expect((o["heldByFork"] as? [[String: Any]])?.first?["seq"] as? Int == 9)
    }
}
