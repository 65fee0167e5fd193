import Foundation
import Testing
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// Setting up a workspace, choosing and switching folders, the encryption set-up policy, devices.
@Suite struct KitFolderTests {
    /// Whether `body` was refused by the folder policy with `code`.
    private func refusal(_ code: FolderAccessError.Code, _ body: () throws -> Any) -> Bool {
        do {
            _ = try body()
            return false
        } catch let e as FolderAccessError {
            return e.code == code
        } catch {
            return false
        }
    }

    private func mode(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    private func environment(_ seed: UInt64) -> WorkspaceEnvironment {
        KitFixtures.environment(clock: TestClock(), random: KitRandom(seed: seed))
    }

    @Test func createMakesAPrivateDirectoryTheDatabaseAndTheSigningKey() throws {
        let dir = try KitTemporaryDirectory("create")
        let home = dir.url.appendingPathComponent("deep/er/home")
        let workspace = try Workspace.create(directory: home, deviceName: "  laptop \n", environment: environment(1))
        #expect(try mode(home) == 0o700)
        #expect(FileManager.default.fileExists(atPath: Workspace.databaseURL(in: home).path))
        #expect(FileManager.default.fileExists(atPath: DeviceKeyFile.path(nextTo: Workspace.databaseURL(in: home).path)))
        #expect(try workspace.deviceNames()[workspace.device] == "laptop")
        #expect(try workspace.folderPath() == nil)
        let reopened = try Workspace.open(directory: home)
        #expect(try reopened.device == workspace.device)
    }

    @Test func aFailedCreateLeavesNothingBehind() throws {
        let dir = try KitTemporaryDirectory("create-fails")
        let home = dir.url.appendingPathComponent("new/home")
        let missingFolder = dir.url.appendingPathComponent("no-such-folder").path
        #expect(throws: SyncError.folderMissing(missingFolder)) {
            try Workspace.create(directory: home, deviceName: "phone", folder: missingFolder, environment: environment(2))
        }
        #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("new").path))
        #expect(throws: WorkspaceError(.emptyValue, field: "deviceName")) {
            try Workspace.create(directory: home, deviceName: " ", environment: environment(2))
        }
        #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("new").path))
    }

    @Test func createRefusesAnExistingDatabaseAndLeavesItAsItWas() throws {
        let dir = try KitTemporaryDirectory("create-twice")
        let home = dir.url.appendingPathComponent("home")
        let first = try Workspace.create(directory: home, deviceName: "one", environment: environment(3))
        try KitFixtures.addContacts(first, 2, prefix: "kept")
        let device = try first.device
        let before = try FileManager.default.contentsOfDirectory(atPath: home.path).sorted()
        #expect(throws: StoreError.self) { try Workspace.create(directory: home, deviceName: "two", environment: environment(4)) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.path).sorted() == before)
        let reopened = try Workspace.open(directory: home)
        #expect(try reopened.device == device)
        #expect(try KitFixtures.contactNames(reopened) == ["kept 0", "kept 1"])
    }

    @Test func choosingAndSwitchingFolders() throws {
        let dir = try KitTemporaryDirectory("folders")
        let first = try dir.directory("first")
        let second = try dir.directory("second")
        let workspace = try KitFixtures.workspace("w", in: dir, clock: TestClock(), random: KitRandom(seed: 5))
        #expect(throws: SyncError.noFolder) { try workspace.requireFolderPath() }
        #expect(throws: SyncError.noFolder) { try workspace.openFolder { _ in nil } }
        try workspace.chooseFolder(first.path + "/.")
        #expect(try workspace.folderPath() == first.standardizedFileURL.path)
        #expect(throws: SyncError.self) { try workspace.chooseFolder(dir.url.appendingPathComponent("missing").path) }
        #expect(try workspace.folderPath() == first.standardizedFileURL.path, "a refused choice keeps the folder")

        // Encrypt the first folder; switching to another one forgets its key.
        let opened = try workspace.openFolder(encrypt: true, keyDerivation: .testing) { request in
            #expect(request == .new)
            return "correct horse"
        }
        #expect(opened.isEncrypted && opened.keyGeneration == 1)
        try workspace.chooseFolder(second.path)
        let plain = try workspace.openFolder { _ in Issue.record("a plain folder needs no passphrase"); return nil }
        #expect(!plain.isEncrypted && plain.path == second.path)

        #expect(try workspace.folderPermissions() == .private)
        try workspace.setFolderPermissions(.group)
        #expect(try workspace.folderPermissions() == .group)
    }

    @Test func theEncryptionPolicyAsksOnlyWhenNeededAndNeverFallsBackToPlaintext() async throws {
        let dir = try KitTemporaryDirectory("encryption")
        let folder = try dir.directory("shared")
        let clock = TestClock(), random = KitRandom(seed: 6)
        let a = try KitFixtures.workspace("a", in: dir, clock: clock, random: random, folder: folder)
        let b = try KitFixtures.workspace("b", in: dir, clock: clock, random: random, folder: folder)
        // No passphrase available to set it up: refused, nothing written.
        #expect(refusal(.passphraseRequiredToEncrypt) { try a.openFolder(encrypt: true) { _ in nil } })
        _ = try await a.sync(try a.openFolder(encrypt: true, keyDerivation: .testing) { _ in "secret" })

        // Another device is asked for the current passphrase, and refused without one.
        #expect(refusal(.passphraseRequired) { try b.openFolder { _ in nil } })
        var asked: [PassphraseRequest] = []
        let opened = try b.openFolder { asked.append($0); return "secret" }
        #expect(asked == [.current] && opened.isEncrypted)
        _ = try await b.sync(opened)

        // The key file removed: a device that used it refuses, it never falls back to plaintext.
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".key") || name == "keys" {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        #expect(refusal(.keyFileMissing) { try b.openFolder { _ in "secret" } })

        // A folder that already holds plain files is never encrypted.
        let plainFolder = try dir.directory("plain")
        try a.chooseFolder(plainFolder.path)
        _ = try await a.sync(try a.openFolder { _ in nil })
        #expect(refusal(.folderNotEmptyToEncrypt) {
            try a.openFolder(encrypt: true, keyDerivation: .testing) { _ in "secret" }
        })
    }

    @Test func devicesAreListedWithTheirKeysAndARekeyKeepsEveryEdit() async throws {
        let dir = try KitTemporaryDirectory("devices")
        let folder = try dir.directory("shared")
        let clock = TestClock(), random = KitRandom(seed: 7)
        let a = try KitFixtures.workspace("a", in: dir, clock: clock, random: random, folder: folder)
        let b = try KitFixtures.workspace("b", in: dir, clock: clock, random: random, folder: folder)
        try KitFixtures.addContacts(a, 2, prefix: "from a")
        for w in [a, b, a] { _ = try await w.sync(try w.openFolder { _ in nil }) }

        let devices = try a.devices()
        #expect(devices.count == 2)
        let me = try #require(devices.first { $0.isThisDevice })
        let other = try #require(devices.first { !$0.isThisDevice })
        #expect(me.id == (try a.device) && me.name == "a" && me.applied == 2)
        #expect(other.name == "b" && other.key?.fingerprint.isEmpty == false && other.lastSeen != nil)

        // Re-key: a new device id and signing key, every local edit kept, and the folder accepts it.
        try KitFixtures.addContacts(a, 1, prefix: "unpublished")
        let rekey = try a.rekeyDevice { _ in nil }
        let now = try a.device
        #expect(rekey.old == me.id && rekey.new != me.id && now == rekey.new)
        #expect(try KitFixtures.contactNames(a).contains("unpublished 0"))
        let report = try await a.sync(try a.openFolder { _ in nil })
        #expect(report.identityClash == nil && !report.signingKeyReplaced)
        _ = try await b.sync(try b.openFolder { _ in nil })
        #expect(try KitFixtures.contactNames(b) == KitFixtures.contactNames(a))
    }

    @Test func aRekeyWithoutAFolderReissuesEveryOwnChange() throws {
        let dir = try KitTemporaryDirectory("rekey-alone")
        let w = try KitFixtures.workspace("w", in: dir, clock: TestClock(), random: KitRandom(seed: 8))
        try KitFixtures.addContacts(w, 3, prefix: "mine")
        let rekey = try w.rekeyDevice { _ in Issue.record("no folder, no passphrase"); return nil }
        #expect(try w.store.version()[rekey.new] > 0)
        #expect(try KitFixtures.contactNames(w) == ["mine 0", "mine 1", "mine 2"])
    }

    @Test func aKeyChangeSyncsAndOtherDevicesNeedTheNewPassphrase() async throws {
        let dir = try KitTemporaryDirectory("key-change")
        let folder = try dir.directory("shared")
        let clock = TestClock(), random = KitRandom(seed: 9)
        let a = try KitFixtures.workspace("a", in: dir, clock: clock, random: random, folder: folder)
        let b = try KitFixtures.workspace("b", in: dir, clock: clock, random: random, folder: folder)
        _ = try await a.sync(try a.openFolder(encrypt: true, keyDerivation: .testing) { _ in "old" })
        _ = try await b.sync(try b.openFolder { _ in "old" })
        let changed = try await a.changeFolderKey(oldPassphrase: "old", newPassphrase: "new", keyDerivation: .testing)
        #expect(changed.keyGeneration == 2)
        #expect(refusal(.folderKeyChanged) { try b.openFolder { _ in "old" } })
        #expect(try b.openFolder { _ in "new" }.keyGeneration == 2)
    }
}
