import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// The folder scan is the truth (issue 7 case 3, issue 8's empty file): a device publishes again
/// any of its own Changes that no intact file in the folder holds, under a name never used, and
/// only a file that verifies is evidence of a copy.
@Suite struct OwnFilesSyncTests {
    @Test(arguments: ["delete", "flip", "truncate", "empty"])
    func aLostOrDamagedOwnFileIsPublishedAgain(damage: String) throws {
        let lab = try SyncLab("lost-\(damage)", seed: 10)
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.sync(a)
        let file = "changes/\(try a.device.hex)/1-1.tbc"
        switch damage {
        case "delete": try FileManager.default.removeItem(atPath: lab.path(file))
        case "flip": try lab.flipByte(file)
        case "truncate": try FileManager.default.createFile(atPath: lab.path(file), contents: Data((try Data(contentsOf: URL(fileURLWithPath: lab.path(file)))).prefix(40)))
        default: try Data().write(to: URL(fileURLWithPath: lab.path(file)))
        }
        try lab.put(a, 2, [("name", .text("Bob"))])
        let r = try lab.sync(a)
        #expect(r.published == 2 && r.republished == 1, "\(r.published) \(r.republished)")
        let names = lab.changeFileNames(try a.device)
        #expect(names == (damage == "delete" ? ["1-2.tbc"] : ["1-1.tbc", "1-2.tbc"]), "\(names)")
        let got = try lab.sync(b)
        #expect(got.waiting.isEmpty)
        #expect(try lab.names(b) == ["Ada", "Bob"])
        #expect(try lab.sync(a).published == 0, "a quiet sync publishes nothing more")
    }

    /// A damaged file whose exact range has nothing new to go with it: the same range again, under
    /// the next edition's name; the damaged file is left alone (never overwritten, never deleted).
    @Test func theSameRangeIsPublishedUnderTheNextEdition() throws {
        let lab = try SyncLab("edition", seed: 11)
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.sync(a)
        let dir = "changes/\(try a.device.hex)/"
        try lab.flipByte(dir + "1-1.tbc")
        let damaged = try Data(contentsOf: URL(fileURLWithPath: lab.path(dir + "1-1.tbc")))
        #expect(try lab.sync(a).republished == 1)
        try lab.flipByte(dir + "1-1.2.tbc")
        #expect(try lab.sync(a).republished == 1)
        #expect(lab.changeFileNames(try a.device) == ["1-1.2.tbc", "1-1.3.tbc", "1-1.tbc"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: lab.path(dir + "1-1.tbc"))) == damaged)
        let got = try lab.sync(b)
        #expect(got.damaged.count == 2 && got.waiting.isEmpty)
        #expect(try lab.names(b) == ["Ada"])
    }

    /// The name grammar (SPEC §2): an edition is canonical decimal ≥ 2; anything else is ignored.
    @Test func editionNames() throws {
        let lab = try SyncLab("names", seed: 14)
        let device = Fixtures.device(7)
        let dir = lab.path("changes/\(device.hex)")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let names = ["1-3.tbc", "1-3.2.tbc", "1-3.17.tbc", "1-3.1.tbc", "1-3.0.tbc", "1-3.02.tbc", "1-3.2.3.tbc", "1-3..tbc", "1-3.x.tbc"]
        for n in names { FileManager.default.createFile(atPath: dir + "/" + n, contents: Data()) }
        let scan = try lab.folder.scan()
        #expect(scan.changeFiles(of: device).map(\.relativePath) == ["1-3.tbc", "1-3.2.tbc", "1-3.17.tbc"].map { "changes/\(device.hex)/" + $0 })
        #expect(scan.changeFiles(of: device).map(\.edition) == [1, 2, 17])
        #expect(scan.ignored.count == 6)
    }

    /// After a folder move the new folder lacks everything: all of it is published there, even
    /// though this database's notes (kept from the old folder) say it was published.
    @Test func aNewFolderGetsEveryOwnChange() throws {
        let lab = try SyncLab("move", seed: 12)
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.put(a, 2, [("name", .text("Bob"))])
        try lab.sync(a)
        let moved = SharedFolder(path: try lab.temp.directory("moved").path)
        #expect(try lab.sync(a, folder: moved).published == 2)
        try lab.sync(b, folder: moved)
        #expect(try lab.names(b) == ["Ada", "Bob"])
    }

    /// Issue 8: an empty (or any unverifiable) own file reaching past the log is no proof of a copy.
    @Test(arguments: [true, false])
    func anUnverifiableOwnFileIsNoEvidenceOfACopy(empty: Bool) throws {
        let lab = try SyncLab("empty-999", seed: 13)
        let a = try lab.store("a"), b = try lab.store("b")
        let dir = lab.path("changes/\(try a.device.hex)")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(empty ? [] : Array(repeating: 0x5A, count: 300)).write(to: URL(fileURLWithPath: dir + "/999-999.tbc"))
        try lab.put(a, 1, [("name", .text("Ada"))])
        let r = try lab.sync(a)
        #expect(r.identityClash == nil)
        #expect(r.published == 1)
        try lab.sync(b)
        #expect(try lab.names(b) == ["Ada"])
    }
}

/// The engine's bookkeeping (issue 7, "barely tested"): verified marks, ack freshness, publish
/// marks and partially applied files.
@Suite struct SyncBookkeepingTests {
    static func verifiedMarks(_ store: Store) throws -> [String] {
        (try store.metaValue("verifiedOwnFiles") ?? "").split(separator: "\n").map { String($0.split(separator: " ")[0]) }
    }

    /// An own file that cannot be read is not marked as checked, and so is published again.
    @Test func anUnreadableOwnFileIsNeverMarkedChecked() throws {
        let lab = try SyncLab("marks", seed: 20)
        let a = try lab.store("a")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.sync(a)
        let file = "changes/\(try a.device.hex)/1-1.tbc"
        #expect(try Self.verifiedMarks(a) == [file], "a file just published counts as verified")
        try lab.flipByte(file)
        let r = try lab.sync(a)
        #expect(r.republished == 1)
        #expect(try Self.verifiedMarks(a) == ["changes/\(try a.device.hex)/1-1.2.tbc"])
    }

    /// A sync that only imports still writes the ack: other devices learn what this one applied.
    @Test func anImportOnlySyncRefreshesTheAck() throws {
        let lab = try SyncLab("ack", seed: 21)
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.sync(b)
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.sync(a)
        let r = try lab.sync(b)
        #expect(r.published == 0 && r.importedTotal == 1)
        let reader = lab.folder.trusting(KeyPins([try b.device: try DeviceKeyFile.loadOrCreate(for: b).publicKey]))
        let ack = try #require(try reader.readAck(of: try b.device))
        #expect(ack.applied == (try b.version()))
        #expect(ack.applied[try a.device] == 1)
    }

    /// The publish mark is only a note: lost, the folder still says what was published, so the
    /// next publish starts after it and never writes an overlapping file.
    @Test func aLostPublishMarkNeverLeadsToAnOverlappingFile() throws {
        let lab = try SyncLab("mark-lost", seed: 22)
        let a = try lab.store("a")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.put(a, 2, [("name", .text("Bob"))])
        try lab.sync(a)
        try a.setMetaValue("publishedThrough." + (try a.device.hex), nil)
        try lab.put(a, 3, [("name", .text("Carol"))])
        let r = try lab.sync(a)
        #expect(r.published == 1 && r.republished == 0)
        #expect(lab.changeFileNames(try a.device) == ["1-2.tbc", "3-3.tbc"])
        #expect(try a.metaValue("publishedThrough." + (try a.device.hex)) == "3")
    }

    /// b publishes seqs 1–3 as one file; b#2 builds on c#1, which is not in the folder yet. The
    /// reader applies b#1 and must read the same file again once c#1 arrives.
    @Test func aPartlyAppliedFileIsReadAgainForItsWaitingChanges() throws {
        let lab = try SyncLab("partial", seed: 23)
        let a = try lab.store("a"), b = try lab.store("b"), c = try lab.store("c")
        try lab.put(c, 3, [("name", .text("Carol"))])
        try lab.put(b, 1, [("name", .text("Ada"))])
        _ = try b.apply(try c.changes(of: try c.device, after: 0))
        try lab.put(b, 2, [("name", .text("Bob"))])
        try lab.put(b, 1, [("notes", .text("after Carol"))])
        try lab.sync(b)
        #expect(lab.changeFileNames(try b.device) == ["1-3.tbc"])
        let first = try lab.sync(a)
        #expect(first.imported == [try b.device: 1])
        #expect(first.waiting.keys.sorted() == [Dot(device: try b.device, seq: 2), Dot(device: try b.device, seq: 3)])
        try lab.sync(c)
        let second = try lab.sync(a)
        #expect(second.waiting.isEmpty)
        #expect(second.imported == [try b.device: 2, try c.device: 1])
        #expect(try lab.names(a) == ["Ada", "Bob", "Carol"])
    }
}
