#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
import TouchbaseCore
@testable import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// A full disk or a read-only folder (DESIGN §6): a clear error, nothing lost, nothing half-written
/// under a real name, and the next sync after the problem is fixed completes the job.
@Suite struct FolderFailureSyncTests {
    struct Pair {
        let temp: TemporaryDirectory
        let folderURL: URL
        let a: Store
        let b: Store

        init() throws {
            temp = try TemporaryDirectory("fail")
            folderURL = try temp.directory("folder")
            let clock = TestClock(), random = SharedRandom(seed: 5)
            a = try Store.create(at: temp.path("a.sqlite"), deviceName: "a", environment: SyncTestSupport.environment(clock: clock, random: random))
            b = try Store.create(at: temp.path("b.sqlite"), deviceName: "b", environment: SyncTestSupport.environment(clock: clock, random: random))
        }

        func folder(failing step: WriteStep? = nil, errno code: Int32 = ENOSPC) -> SharedFolder {
            var f = SharedFolder(path: folderURL.path)
            if let step { f.faults = { s, _ in s == step ? code : nil } }
            return f
        }

        /// Real names in the folder (temporaries excluded) and any temporaries left.
        func listing() -> (real: [String: [UInt8]], temporaries: [String]) {
            let all = SyncTestSupport.files(under: folderURL)
            let temporaries = all.keys.filter { $0.split(separator: "/").contains { $0.hasPrefix(".") } }
            return (all.filter { !temporaries.contains($0.key) }, temporaries.sorted())
        }
    }

    @Test(arguments: [WriteStep.create, .write, .fsync, .install, .makeDirectory])
    func aWriteThatFailsLeavesNothingAndTheNextSyncCompletes(step: WriteStep) throws {
        let p = try Pair()
        for n in 1...3 { try p.a.commit(RecordOps.put("contact", Fixtures.record(UInt64(n)), [("name", .text("Contact \(n)"))])) }
        // b has something to give a: the import half of a's failing sync must still land.
        try p.b.commit(RecordOps.put("contact", Fixtures.record(9), [("name", .text("From b"))]))
        _ = try SyncEngine(store: p.b, folder: p.folder()).sync()
        let before = p.listing().real

        let code = step == .install ? EROFS : ENOSPC
        #expect {
            try SyncEngine(store: p.a, folder: p.folder(failing: step, errno: code)).sync()
        } throws: { error in
            guard let e = error as? ExchangeError, e.code == .writeFailed else { return false }
            let message = e.errorDescription ?? ""
            return message.contains("could not write to the shared folder") && message.contains(String(cString: strerror(code)))
        }
        // Nothing new under a real name (a's changes file, ack, card), no temporary left behind.
        let after = p.listing()
        #expect(after.real == before, "\(step): \(Set(after.real.keys).subtracting(before.keys))")
        #expect(after.temporaries.isEmpty, "\(step): \(after.temporaries)")
        // Nothing lost locally: a's three edits, and b's edit it imported before publishing failed.
        #expect(try p.a.version()[p.a.device] == 3)
        #expect(try p.a.version()[p.b.device] == 1)
        #expect(try p.a.record("contact", id: Fixtures.record(9))?.text("name") == "From b")

        // Fixed: the next sync publishes everything, once.
        let report = try SyncEngine(store: p.a, folder: p.folder()).sync()
        #expect(report.published == 3 && report.importedTotal == 0)
        let got = try SyncEngine(store: p.b, folder: p.folder()).sync()
        #expect(got.imported == [try p.a.device: 3])
        #expect(try SyncTestSupport.observable(p.a) == SyncTestSupport.observable(p.b))
    }

    /// The rename worked but the directory could not be fsynced: the file is complete under its name
    /// (only its durability was in doubt). The error is reported; the next sync finds the file
    /// already there with the same content and goes on.
    @Test func aDirectorySyncThatFailsAfterPublishingIsRecoveredWithoutADuplicate() throws {
        let p = try Pair()
        for n in 1...2 { try p.a.commit(RecordOps.put("contact", Fixtures.record(UInt64(n)), [("name", .text("Contact \(n)"))])) }
        #expect(throws: ExchangeError.self) { try SyncEngine(store: p.a, folder: p.folder(failing: .fsyncDirectory)).sync() }
        let report = try SyncEngine(store: p.a, folder: p.folder()).sync()
        #expect(report.identityClash == nil)
        let files = p.listing().real.keys.filter { $0.hasPrefix("changes/") }
        #expect(files.count == 1, "\(files)")
        let got = try SyncEngine(store: p.b, folder: p.folder()).sync()
        #expect(got.imported == [try p.a.device: 2])
    }

    /// A folder that really cannot be written: `chmod 0555` on its `changes` directory when that
    /// stops writes; as root (where it does not), the device's own `changes/<device>` is a regular
    /// file instead, so it cannot be made a directory.
    @Test func aReadOnlyFolderIsAClearErrorAndNothingIsLost() throws {
        let p = try Pair()
        let me = try p.a.device
        try p.a.commit(RecordOps.put("contact", Fixtures.record(1), [("name", .text("Ada"))]))
        _ = try SyncEngine(store: p.a, folder: p.folder()).sync()
        try p.a.commit(RecordOps.put("contact", Fixtures.record(2), [("name", .text("Grace"))]))

        let changes = p.folderURL.appendingPathComponent("changes")
        let mine = changes.appendingPathComponent(me.hex)
        let fm = FileManager.default
        try fm.setAttributes([.posixPermissions: 0o555], ofItemAtPath: mine.path)
        let probe = mine.appendingPathComponent("probe")
        let chmodStopsWrites = !fm.createFile(atPath: probe.path, contents: Data())
        var blocker: URL?
        if !chmodStopsWrites {
            // Running as root: make the device's folder a file instead.
            try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: mine.path)
            try fm.removeItem(at: probe)
            let moved = p.temp.url.appendingPathComponent("moved-aside")
            try fm.moveItem(at: mine, to: moved)
            try Data("not a directory".utf8).write(to: mine)
            blocker = moved
        }
        #expect {
            try SyncEngine(store: p.a, folder: p.folder()).sync()
        } throws: { error in
            (error as? ExchangeError)?.code == .writeFailed
        }
        #expect(try p.a.version()[me] == 2)
        #expect(try p.a.record("contact", id: Fixtures.record(2))?.text("name") == "Grace")

        // Restored.
        if let moved = blocker {
            try fm.removeItem(at: mine)
            try fm.moveItem(at: moved, to: mine)
        } else {
            try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: mine.path)
        }
        let report = try SyncEngine(store: p.a, folder: p.folder()).sync()
        #expect(report.published == 1)
        let got = try SyncEngine(store: p.b, folder: p.folder()).sync()
        #expect(got.imported == [me: 2])
        #expect(try SyncTestSupport.observable(p.a) == SyncTestSupport.observable(p.b))
    }
}
