import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore

/// `touchbase contact bulk` through the real binary: a preview, `--yes` in scripts, one edit.
@Suite struct BulkCommandTests {
    @Test func previewsRefusesWithoutYesAndAppliesInOneEdit() throws {
        let r = try CLIRunner()
        defer { r.cleanup() }
        try r.initialize()
        try r.ok(["contact", "add", "Ada Lovelace", "--org", "Zillow", "--tag", "alumni"])
        try r.ok(["contact", "add", "Bob Stone", "--org", "Acme", "--tag", "alumni"])
        try r.ok(["contact", "add", "Cy Young", "--org", "Acme"])

        let before = try r.databaseFingerprint()
        let preview = try r.ok(["contact", "bulk", "--tag", "alumni", "--set-stage", "docket", "--add-tag", "2019", "--dry-run"])
        #expect(preview.contains("2 contacts would change"), "\(preview)")
        #expect(preview.contains("Ada Lovelace (Zillow): stage want → docket, +#2019"))
        #expect(try r.databaseFingerprint() == before)

        let script = try r.run(["contact", "bulk", "--tag", "alumni", "--set-stage", "docket"])
        #expect(script.status == 1)
        #expect(script.stderr.contains("needs --yes"))
        #expect(script.stdout.contains("2 contacts would change"))
        #expect(try r.databaseFingerprint() == before)

        let done = try r.ok(["contact", "bulk", "--tag", "alumni", "--set-stage", "docket", "--set-cadence", "30", "--yes"])
        #expect(done.contains("Changed 2 contacts in one edit."))
        #expect(try r.object(["contact", "show", "Bob"])["stage"] as? String == "docket")
        #expect(try r.object(["contact", "show", "Cy"])["stage"] as? String == "want")

        let json = try r.object(["contact", "bulk", "--org", "ACME", "--set-voter", "swing", "--remove-tag", "alumni", "--yes"])
        #expect(json["applied"] as? Bool == true && json["matched"] as? Int == 2)
        let contacts = try #require(json["contacts"] as? [[String: Any]])
        #expect(contacts.compactMap { $0["name"] as? String } == ["Bob Stone", "Cy Young"])

        #expect(try r.run(["contact", "bulk", "--set-stage", "docket", "--yes"]).status == 64)
        #expect(try r.run(["contact", "bulk", "--tag", "alumni", "--yes"]).status == 64)
        #expect(try r.run(["contact", "bulk", "--tag", "alumni", "--set-stage", "nonsense", "--yes"]).status == 64)
        #expect(try r.run(["contact", "bulk", "--tag", "alumni", "--set-cadence", "-3", "--yes"]).status == 64)
    }
}
