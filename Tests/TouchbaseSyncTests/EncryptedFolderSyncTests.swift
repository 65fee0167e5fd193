import Foundation
import GRDB
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// Encryption that cannot be switched off (issue 8): a device remembers its folder key, refuses a
/// missing or swapped key file, never reads or writes plaintext in an encrypted folder, and waits
/// for a key file that has not arrived.
@Suite struct EncryptedFolderSyncTests {
    let dir: TemporaryDirectory
    let folder: URL
    let clock = TestClock()
    let random = SharedRandom(seed: 8)

    init() throws {
        dir = try TemporaryDirectory("crypt")
        folder = try dir.directory("folder")
    }

    func device(_ name: String, folder: URL? = nil) throws -> CryptDevice {
        try CryptDevice(name, in: dir, folder: folder ?? self.folder, clock: clock, random: random)
    }

    var keyFile: URL { folder.appendingPathComponent(FolderKey.fileName) }

    /// A plaintext change from a device nobody knows, written straight into the folder.
    func forgePlaintextChange(_ name: String) throws {
        let forger = try device("forger-\(name)", folder: try dir.directory("elsewhere-\(name)"))
        try forger.add(name, ask: "forged")
        try SharedFolder(path: folder.path).signing(with: try DeviceKeyFile.loadOrCreate(for: forger.store))
            .publish(try forger.store.changes(of: try forger.store.device, after: 0))
    }

    @Test func aDeletedKeyFileStopsSyncInBothDirections() throws {
        let a = try device("a"), b = try device("b")
        try a.add("Ada Lovelace", ask: "an intro")
        try a.sync("pass", encrypt: true)
        try b.sync("pass")
        #expect(try b.names() == ["Ada Lovelace"])
        #expect(try b.access.rememberedKey() != nil)
        let longLived = try b.open("pass")       // opened before the key file goes

        let saved = try Data(contentsOf: keyFile)
        try FileManager.default.removeItem(at: keyFile)
        try forgePlaintextChange("Mallory")
        try b.add("Grace Hopper", ask: "my private ask")
        let before = CryptChecks.files(folder)

        CryptChecks.expectRefusal(.keyFileMissing) { try b.sync("pass") }
        CryptChecks.expectRefusal(.keyFileMissing) { try b.sync(nil) }
        // A client that builds the folder itself, with or without the key, is refused as well.
        CryptChecks.expectRefusal(.keyFileMissing) { try SyncEngine(store: b.store, folder: SharedFolder(path: folder.path)).sync() }
        CryptChecks.expectRefusal(.keyFileMissing) { try SyncEngine(store: b.store, folder: longLived).sync() }
        #expect(CryptChecks.files(folder) == before, "a refused sync wrote to the folder")
        CryptChecks.expectNoPlaintext("my private ask", in: folder)
        #expect(try b.names() == ["Ada Lovelace", "Grace Hopper"], "the forged plaintext change was imported")

        // The key file comes back: sync resumes, the forged file is refused, nothing is stuck.
        try saved.write(to: keyFile)
        let rb = try b.sync("pass")
        #expect(rb.published == 1)
        #expect(rb.damaged.contains { $0.path.hasPrefix("changes/") && $0.reason.contains("decrypt") })
        #expect(try b.names() == ["Ada Lovelace", "Grace Hopper"])
        let ra = try a.sync("pass")
        #expect(ra.importedTotal == 1 && ra.waiting.isEmpty)
        #expect(try a.names() == ["Ada Lovelace", "Grace Hopper"])
        try b.add("Katherine Johnson", ask: "another private ask")
        try b.sync("pass")
        #expect(try a.sync("pass").importedTotal == 1)
        #expect(try a.names() == ["Ada Lovelace", "Grace Hopper", "Katherine Johnson"])
        CryptChecks.expectNoPlaintext("private ask", in: folder)
    }

    @Test func aSwappedKeyFileIsRefused() throws {
        let a = try device("a"), b = try device("b")
        try a.add("Ada Lovelace", ask: "an intro")
        try a.sync("pass", encrypt: true)
        try b.sync("pass")
        let saved = try Data(contentsOf: keyFile)
        try FileManager.default.removeItem(at: keyFile)
        let (_, other) = try FolderKey.create(passphrase: "attacker", salt: Array(repeating: 9, count: 32), parameters: .testing)
        try Data(other).write(to: keyFile)
        try b.add("Grace Hopper", ask: "my private ask")
        let before = CryptChecks.files(folder)

        CryptChecks.expectRefusal(.keyFileChanged) { try b.sync("pass") }
        CryptChecks.expectRefusal(.keyFileChanged) { try b.sync("attacker") }
        CryptChecks.expectRefusal(.keyFileChanged) { try SyncEngine(store: b.store, folder: SharedFolder(path: folder.path)
                .with(key: try FolderKey.unlock(keyFile: other, passphrase: "attacker"))).sync() }
        #expect(CryptChecks.files(folder) == before)

        try FileManager.default.removeItem(at: keyFile)
        try saved.write(to: keyFile)
        #expect(try b.sync("pass").published == 1)
        #expect(try a.sync("pass").importedTotal == 1)
    }

    @Test func aJoinerWaitsForTheKeyFile() throws {
        let a = try device("a")
        try a.add("Ada Lovelace", ask: "an intro")
        try a.sync("pass", encrypt: true)
        // The sync tool delivered everything but the key file to the new device's copy of the folder.
        let copy = try dir.directory("copy")
        for (path, data) in CryptChecks.files(folder) where path != FolderKey.fileName {
            let url = copy.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        let c = try device("c", folder: copy)
        try c.add("Grace Hopper", ask: "my private ask")
        CryptChecks.expectRefusal(.waitingForKeyFile) { try c.sync(nil) }
        CryptChecks.expectRefusal(.waitingForKeyFile) { try c.sync("pass") }
        CryptChecks.expectRefusal(.waitingForKeyFile) { try SyncEngine(store: c.store, folder: SharedFolder(path: copy.path)).sync() }
        // Only changes files arrived so far: still waiting.
        try FileManager.default.removeItem(at: copy.appendingPathComponent("acks"))
        try FileManager.default.removeItem(at: copy.appendingPathComponent("devices"))
        CryptChecks.expectRefusal(.waitingForKeyFile) { try c.sync(nil) }
        #expect(CryptChecks.files(copy).keys.allSatisfy { !$0.contains(try! c.store.device.hex) }, "the joiner wrote to the folder")

        // The sync tool catches up: the key file, and the cards and acks again.
        for (path, data) in CryptChecks.files(folder) {
            let url = copy.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        let r = try c.sync("pass")
        #expect(r.importedTotal == 1 && r.published == 1)
        #expect(try c.names() == ["Ada Lovelace", "Grace Hopper"])
        CryptChecks.expectNoPlaintext("my private ask", in: copy)
    }

    @Test func anEmptyOrPlainFolderStaysUsableWithoutAKey() throws {
        let a = try device("a"), b = try device("b")
        try a.add("Ada Lovelace", ask: "an intro")
        #expect(try a.sync(nil).published == 1)
        #expect(try b.sync(nil).importedTotal == 1)
        #expect(try a.access.rememberedKey() == nil)
        CryptChecks.expectRefusal(.folderNotEmptyToEncrypt) { try b.sync("pass", encrypt: true) }
        CryptChecks.expectRefusal(.notEncrypted) { try a.access.changeKey(oldPassphrase: "x", newPassphrase: "y") }
    }

    @Test func theRememberedKeyIsForgottenWithTheFolder() throws {
        let a = try device("a")
        try a.sync("Xyzzy-s3cret", encrypt: true)
        #expect(try a.access.rememberedKey() != nil)
        let other = try dir.directory("other")
        try a.access.remember(path: other.path)
        #expect(try a.access.rememberedKey() == nil)
        // Never the passphrase or a key in the database.
        let meta = try a.store.read { db in try String.fetchAll(db, sql: "SELECT key || '=' || value FROM meta") }
        #expect(!meta.joined().contains("Xyzzy"))
    }
}
