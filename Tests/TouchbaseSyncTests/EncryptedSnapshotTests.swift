import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// Snapshots in an encrypted folder (Protocol/SPEC.md §6, §7.6, §3.7): the snapshot and its parts
/// are sealed with the folder key like every other file, a new device joins from it with the
/// passphrase, a device that was away past garbage collection re-seeds from it, and nothing in the
/// folder is readable without the key.
@Suite struct EncryptedSnapshotTests {
    let dir: TemporaryDirectory
    let folder: URL
    let clock = TestClock()
    let random = SharedRandom(seed: 31)

    init() throws {
        dir = try TemporaryDirectory("crypt-snapshot")
        folder = try dir.directory("folder")
    }

    func device(_ name: String) throws -> CryptDevice {
        try CryptDevice(name, in: dir, folder: folder, clock: clock, random: random)
    }

    @discardableResult
    func sync(_ d: CryptDevice) throws -> SyncReport {
        clock.advance(milliseconds: 1)
        return try d.sync("pass")
    }

    /// What a user sees of a device: every record's registers and the open conflicts.
    func observed(_ d: CryptDevice) throws -> String { "\(try SyncTestSupport.observable(d.store))" }

    @Test func aSnapshotIsSealedJoinedFromAndReseededFrom() throws {
        let a = try device("a"), b = try device("b"), away = try device("away")
        for n in 0..<30 { try a.add("Person \(n)", ask: "private ask \(n)") }
        try a.sync("pass", encrypt: true)
        for d in [b, away, a] { try sync(d) }
        // A conflict the snapshot must carry.
        let ada = try a.add("Ada Lovelace", ask: "private ask ada")
        try sync(a); try sync(b)
        clock.advance(milliseconds: 3)
        try a.store.commit([Op(entity: "contact", record: ada, field: "organization", value: .text("Analytical Engines"))])
        try b.store.commit([Op(entity: "contact", record: ada, field: "organization", value: .text("Difference Engines"))])
        for d in [a, b, a] { try sync(d) }
        #expect(try !a.store.conflicts().isEmpty)

        // `away` stops syncing; it edits offline.
        try away.add("Offline Friend", ask: "private ask offline")

        // Written sealed: not one byte of the state in the clear, every snapshot file encrypted.
        let written = try SyncEngine(store: a.store, folder: try a.open("pass")).writeSnapshot()
        #expect(written.newlyWritten && written.records >= 31)
        CryptChecks.expectNoPlaintext("private ask", in: folder)
        CryptChecks.expectNoPlaintext("Engines", in: folder)
        let sealed = CryptChecks.files(folder).filter { $0.key.hasPrefix("snapshots/") }
        #expect(sealed.count >= 2, "the snapshot and its part")
        for (path, data) in sealed {
            let header = try CryptChecks.header(data)
            #expect(header.isEncrypted, "\(path) is not sealed")
        }
        // Without the key nothing can write one: never plaintext in an encrypted folder.
        #expect(throws: (any Error).self) { try SyncEngine(store: b.store, folder: SharedFolder(path: folder.path)).writeSnapshot() }
        #expect(CryptChecks.files(folder).filter { $0.key.hasPrefix("snapshots/") } == sealed)

        // Collection: b acknowledges; `away` is retired, so a removes its covered files.
        try b.store.commit(DeviceRetirement.retireOps(try away.store.device))
        for d in [b, a, b, a] { try sync(d) }
        let me = try a.store.device
        let own = CryptChecks.files(folder).keys.filter { $0.hasPrefix("changes/\(me.hex)/") }
        #expect(own.isEmpty, "a's covered files are removed: \(own.sorted())")

        // A new device joins from the sealed snapshot.
        let c = try device("c")
        let joined = try sync(c)
        #expect(joined.seededFrom == written.path)
        #expect(try c.store.changes(of: me, after: 0).isEmpty, "covered Changes are never replayed")
        #expect(try observed(c) == observed(a))
        #expect(try c.store.conflicts().count == a.store.conflicts().count)

        // `away` comes back: what it lacks is gone from the folder, so it re-seeds from the sealed
        // snapshot, and its offline edit reaches everyone.
        let back = try sync(away)
        #expect(back.garbage.reseededFrom != nil)
        #expect(try away.names().contains("Offline Friend"))
        for d in [b, a, c, away, b, a, c] { try sync(d) }
        for d in [b, c, away] {
            #expect(try observed(d) == observed(a), "\(d.name)")
            #expect(try d.store.version() == a.store.version(), "\(d.name)")
        }
        #expect(try a.names().contains("Offline Friend"))
        CryptChecks.expectNoPlaintext("private ask", in: folder)
    }

    @Test func aJoinerWithoutThePassphraseReadsNoSnapshot() throws {
        let a = try device("a")
        try a.add("Ada Lovelace", ask: "private ask")
        try a.sync("pass", encrypt: true)
        _ = try SyncEngine(store: a.store, folder: try a.open("pass")).writeSnapshot()
        let c = try device("c")
        #expect(throws: (any Error).self) { try c.sync(nil) }
        #expect(throws: (any Error).self) { try c.sync("wrong") }
        #expect(try c.store.version().entries.values.allSatisfy { $0 == 0 }, "nothing was seeded")
        #expect(try c.sync("pass").seededFrom != nil)
        #expect(try c.names() == ["Ada Lovelace"])
    }
}
