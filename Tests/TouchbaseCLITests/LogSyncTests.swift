import Foundation
import Testing
import TouchbaseCore

/// Fixing a meeting on two devices through the real binary and a shared folder: a cancel on one and
/// a reschedule on the other show in `touchbase conflicts` and are settled with `resolve`.
@Suite struct LogSyncTests {
    @Test func aCancelAndARescheduleOnTwoDevicesAreAConflictTheUserSettles() throws {
        let box = try SyncSandbox("log-two")
        defer { box.cleanup() }
        let laptop = try SyncDevice("laptop"), phone = try SyncDevice("phone")
        defer { laptop.cli.cleanup(); phone.cli.cleanup() }
        try laptop.cli.ok(["contact", "add", "Alan Turing"])
        try laptop.cli.ok(["meet", "Alan", "--on", "2026-03-04", "--at", "10:00", "--exit", "who owns hiring"])
        _ = try laptop.sync(box.folder)
        _ = try phone.sync(box.folder)
        let handle = try #require(try phone.cli.jsonArray(["log"]).first?["handle"] as? String)

        try laptop.cli.ok(["log", "cancel", handle])
        try phone.cli.ok(["log", "reschedule", "Alan", "--on", "2026-03-06", "--at", "15:00"])
        for _ in 0..<2 { _ = try laptop.sync(box.folder); _ = try phone.sync(box.folder) }

        for device in [laptop, phone] {
            let text = try device.cli.ok(["conflicts"])
            #expect(text.contains("1. [") && text.contains("] interaction \"\(handle)  2026-03-06  meeting  Alan Turing\" — status"), "\(device.name): \(text)")
            #expect(text.contains("cancelled") && text.contains("planned"))
            let shown = try device.cli.ok(["log", "show", handle])
            #expect(shown.contains("Conflicts") && shown.contains("status"))
            #expect(try device.cli.jsonArray(["log"]).count == 1, "one meeting, never two")
        }
        let conflicts = try phone.cli.jsonArray(["conflicts"])
        let values = try #require(conflicts.first?["values"] as? [[String: Any]])
        let keep = try #require(values.firstIndex { $0["value"] as? String == "planned" })
        try phone.cli.ok(["resolve", "1", "--keep", String(keep + 1)])
        for _ in 0..<2 { _ = try phone.sync(box.folder); _ = try laptop.sync(box.folder) }
        for device in [laptop, phone] {
            #expect(try device.cli.ok(["conflicts"]).contains("no open conflicts"))
            let meeting = try #require(try device.cli.jsonArray(["log"]).first)
            #expect(meeting["status"] as? String == "planned" && meeting["date"] as? String == "2026-03-06" && meeting["time"] as? String == "15:00")
        }
    }
}
