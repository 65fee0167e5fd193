import Foundation
import Testing
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// This device's automatic snapshot thresholds (Protocol/SPEC.md §7.6, "both are settings"): kept in
/// its own database, never synced, validated, and followed by the next sync.
@Suite struct SnapshotSettingsTests {
    @Test func thresholdsAreKeptPerDeviceAndFollowedBySync() async throws {
        let dir = try KitTemporaryDirectory("snapshot-settings")
        let folder = try dir.directory("shared")
        let clock = TestClock()
        let random = KitRandom(seed: 0x5E)
        let a = try KitFixtures.workspace("a", in: dir, clock: clock, random: random, folder: folder)
        let b = try KitFixtures.workspace("b", in: dir, clock: clock, random: random, folder: folder)
        #expect(try a.snapshotSettings() == .defaults)
        #expect(SnapshotSettings.defaults == SnapshotSettings(automatic: true, changeFiles: 256, mebibytes: 32, isSet: false))

        // Off: syncs write no snapshot, however many files.
        #expect(try a.setSnapshotSettings(automatic: false, changeFiles: 2) == SnapshotSettings(automatic: false, changeFiles: 2, mebibytes: 32, isSet: true))
        for n in 0..<3 {
            try KitFixtures.addContacts(a, 2, prefix: "off \(n)")
            clock.advance(milliseconds: 1000)
            #expect(try await a.sync(try a.openFolder { _ in nil }).snapshotWritten == nil)
        }
        // On, after 2 own files: the next sync writes one.
        try a.setSnapshotSettings(automatic: true)
        try KitFixtures.addContacts(a, 2, prefix: "on")
        clock.advance(milliseconds: 1000)
        #expect(try await a.sync(try a.openFolder { _ in nil }).snapshotWritten != nil)

        // A device setting: b still has the defaults after syncing.
        _ = try await b.sync(try b.openFolder { _ in nil })
        #expect(try b.snapshotSettings() == .defaults)
        // Kept across reopening the database.
        let reopened = try Workspace.open(directory: dir.url.appendingPathComponent("a"), environment: KitFixtures.environment(clock: clock, random: random))
        #expect(try reopened.snapshotSettings() == SnapshotSettings(automatic: true, changeFiles: 2, mebibytes: 32, isSet: true))
        // Back to the defaults.
        #expect(try a.setSnapshotSettings(reset: true) == .defaults)
        #expect(try a.setSnapshotSettings(mebibytes: 8, reset: true) == SnapshotSettings(automatic: true, changeFiles: 256, mebibytes: 8, isSet: true))
    }

    @Test func numbersOutOfRangeAreRefusedAndNothingChanges() throws {
        let dir = try KitTemporaryDirectory("snapshot-settings-bad")
        let a = try KitFixtures.workspace("a", in: dir, clock: TestClock(), random: KitRandom(seed: 1), folder: try dir.directory("shared"))
        try a.setSnapshotSettings(changeFiles: 10)
        let before = try a.snapshotSettings()
        #expect(throws: SnapshotPolicyError(.changeFilesOutOfRange, value: 0)) { try a.setSnapshotSettings(automatic: false, changeFiles: 0) }
        #expect(throws: SnapshotPolicyError(.changeFilesOutOfRange, value: 1_000_001)) { try a.setSnapshotSettings(changeFiles: 1_000_001) }
        #expect(throws: SnapshotPolicyError(.mebibytesOutOfRange, value: -1)) { try a.setSnapshotSettings(mebibytes: -1) }
        #expect(throws: SnapshotPolicyError(.mebibytesOutOfRange, value: 1 << 40)) { try a.setSnapshotSettings(mebibytes: 1 << 40) }
        #expect(try a.snapshotSettings() == before)
        let reason = SnapshotPolicyError(.changeFilesOutOfRange, value: 0).description
        #expect(reason.contains("between 1 and 1000000") && !reason.contains("--") && !reason.contains("touchbase"))
    }
}
