import Foundation
import Testing
import TouchbaseCore

/// Three devices (three homes, one shared folder) through the real binary: concurrent edits, syncs in
/// several orders, identical `--json` state everywhere, conflicts shown on every device and cleared
/// everywhere after one resolution each.
@Suite struct SyncThreeDevicesTests {
    /// Each order: the devices (0 = laptop, 1 = desktop, 2 = tablet) that edit-then-sync in turn,
    /// then the syncs that finish the round.
    static let orders: [[Int]] = [[0, 1, 2, 0, 1], [2, 1, 0, 2, 1], [1, 2, 0, 1, 2, 0]]

    @Test(arguments: orders)
    func concurrentEditsConvergeAndConflictsClearEverywhere(order: [Int]) throws {
        let box = try SyncSandbox("three")
        let devices = try ["laptop", "desktop", "tablet"].map { try SyncDevice($0) }
        defer { box.cleanup(); devices.forEach { $0.cleanup() } }
        let (a, b, c) = (devices[0], devices[1], devices[2])
        let f = box.folder

        // Everyone starts from the same four contacts.
        for (name, org) in [("Ada Lovelace", "Analytical"), ("Grace Hopper", "Navy"), ("Linus Torvalds", "Kernel"), ("Barbara Liskov", "MIT")] {
            try a.cli.ok(["contact", "add", name, "--org", org, "--role", "Engineer", "--notes", "first met", "--stage", "docket"])
        }
        try a.sync(f)
        try b.sync(f)
        try c.sync(f)

        // Concurrent edits: none of them has seen another's.
        let edits: [[[String]]] = [
            [   // laptop
                ["contact", "edit", "Ada", "--notes", "notes from the laptop"],
                ["contact", "rm", "Grace Hopper"],
                ["contact", "edit", "Linus", "--location", "Portland"],
                ["contact", "add", "Katherine Johnson", "--tag", "mentors"],
            ],
            [   // desktop
                ["contact", "edit", "Ada", "--notes", "notes from the desktop"],
                ["contact", "edit", "Grace", "--stage", "pending"],
                ["contact", "merge", "Linus", "--into", "Barbara"],
                ["contact", "edit", "Barbara", "--location", "Boston"],
            ],
            [   // tablet
                ["contact", "edit", "Ada", "--notes", "notes from the tablet"],
                ["contact", "merge", "Barbara", "--into", "Linus"],
                ["contact", "edit", "Ada", "--location", "London", "--tag", "mentors"],
                ["contact", "add", "Margaret Hamilton", "--stage", "want"],
            ],
        ]
        var edited = Set<Int>()
        for d in order {
            if edited.insert(d).inserted { for e in edits[d] { try devices[d].cli.ok(e) } }
            try devices[d].sync(f)
        }
        let expected = try devices[order.last!].observed()
        for d in devices { #expect(try d.observed() == expected, "\(d.name) differs after order \(order)") }

        // The conflicts, the same on every device.
        let conflicts = try a.conflicts()
        // The laptop's and the desktop's edits of Linus and Barbara were made concurrently with a merge
        // of the one that is now a duplicate in the cycle: a merge-vs-edit conflict (SPEC §13), which
        // the cycle's resolution below (it merges again, having seen the edits) also settles.
        #expect(conflicts.compactMap { $0["kind"] as? String }.sorted() == ["delete-vs-edit", "field", "merge-cycle", "merge-vs-edit"], "\(conflicts)")
        let field = try #require(conflicts.first { $0["kind"] as? String == "field" })
        #expect(field["field"] as? String == "notes")
        #expect(Set((field["values"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String })
                == ["notes from the laptop", "notes from the desktop", "notes from the tablet"])
        // Nothing that was not in conflict was lost.
        // (The devices' listings are identical: checking one checks all.)
        let during = try a.contactsByName()
        #expect(during["Katherine Johnson"]?["tags"] as? [String] == ["mentors"])
        #expect(during["Margaret Hamilton"]?["stage"] as? String == "want")
        #expect(during["Ada Lovelace"]?["location"] as? String == "London")
        #expect(during["Grace Hopper"]?["stage"] as? String == "pending", "delete-vs-edit keeps it visible")

        // One resolution per conflict, each on a different device, none of them synced yet.
        func resolve(_ device: SyncDevice, kind: String, _ how: [String]) throws {
            let list = try device.conflicts()
            let n = try #require(list.firstIndex { $0["kind"] as? String == kind }) + 1
            try device.cli.ok(["resolve", String(n)] + how)
        }
        try resolve(b, kind: "field", ["--value", "resolved on the desktop"])
        try resolve(c, kind: "delete-vs-edit", ["--restore"])
        try resolve(a, kind: "merge-cycle", ["--survivor", "Linus Torvalds"])
        for d in order.reversed() + order.reversed().prefix(2) { try devices[d].sync(f) }

        let final = try a.observed()
        for d in devices.dropFirst() { #expect(try d.observed() == final, "\(d.name) differs after resolving") }
        #expect(try a.conflicts().isEmpty, "conflicts still shown:\n\(final)")
        let after = try a.contactsByName()
        #expect(after["Ada Lovelace"]?["notes"] as? String == "resolved on the desktop")
        #expect(after["Grace Hopper"]?["stage"] as? String == "pending")
        #expect(after["Linus Torvalds"]?["location"] as? String == "Portland")
        #expect(after["Barbara Liskov"] == nil, "merged into Linus")
        // A last round changes nothing.
        for d in devices {
            let r = try d.sync(f)
            #expect(r["importedTotal"] as? Int == 0 && r["published"] as? Int == 0)
        }
        #expect(try a.observed() == final)
    }
}
