import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// `key change` (issue 8): a new key file generation carrying the earlier keys; every device follows
/// once given the new passphrase, nothing is written under the old key afterwards, a device joining
/// later reads the whole history, and two changes made at the same time resolve the same way on
/// every device.
@Suite struct KeyChangeSyncTests {
    let dir: TemporaryDirectory
    let folder: URL
    let clock = TestClock()
    let random = SharedRandom(seed: 9)

    init() throws {
        dir = try TemporaryDirectory("keychange")
        folder = try dir.directory("folder")
    }

    func device(_ name: String) throws -> CryptDevice {
        try CryptDevice(name, in: dir, folder: folder, clock: clock, random: random)
    }

    /// Files that are new or whose bytes changed since `before`.
    func written(since before: [String: Data]) -> [String: Data] {
        CryptChecks.files(folder).filter { before[$0.key] != $0.value }
    }

    /// A key change keeps the scrypt cost the folder was encrypted with (perhaps chosen for a device
    /// with little memory), whatever cost the changing device would give a new folder, unless it is
    /// given one.
    @Test func aKeyChangeKeepsTheFolderCostUnlessGivenOne() throws {
        let a = try device("a")
        try a.sync("old", encrypt: true)
        func cost(_ folder: SharedFolder) throws -> KeyDerivationParameters {
            let files = try folder.keyFiles()
            return try #require(files.current).info.parameters
        }
        var access = FolderAccess(store: a.store)   // a new folder would get the default cost
        #expect(access.parameters == .default)
        let kept = try access.changeKey(oldPassphrase: "old", newPassphrase: "new")
        #expect(try cost(kept) == .testing)
        let two = try #require(KeyDerivationParameters(memoryMiB: 2))
        access.parameters = .testing
        let chosen = try access.changeKey(oldPassphrase: "new", newPassphrase: "newer", cost: two)
        #expect(try cost(chosen) == two)
        #expect(try #require(try chosen.keyFiles().current).generation == 3)
        _ = try SyncEngine(store: a.store, folder: chosen).sync()
        try a.sync("newer")   // the key this device now remembers opens with the newest passphrase
    }

    @Test func everyDeviceFollowsWithTheNewPassphraseOnly() throws {
        let a = try device("a"), b = try device("b"), c = try device("c")
        try a.add("Ada Lovelace", ask: "first ask")
        try a.sync("old", encrypt: true)
        try b.add("Grace Hopper", ask: "second ask")
        try b.sync("old")
        try c.sync("old")
        try a.sync("old")
        let before = CryptChecks.files(folder)

        let changed = try a.access.changeKey(oldPassphrase: "old", newPassphrase: "new")
        let newKey = try #require(changed.key)
        #expect(newKey.generation == 2)
        #expect(try a.access.rememberedKey()?.keyID == newKey.keyID)
        try a.add("Katherine Johnson", ask: "third ask")
        _ = try SyncEngine(store: a.store, folder: changed).sync()

        // With the old passphrase: a clear refusal, nothing written.
        let quiet = CryptChecks.files(folder)
        CryptChecks.expectRefusal(.folderKeyChanged) { try b.sync("old") }
        CryptChecks.expectRefusal(.passphraseRequired) { try SyncEngine(store: b.store, folder: try FolderAccess(store: b.store).open { nil }).sync() }
        #expect(CryptChecks.files(folder) == quiet)

        #expect(try b.sync("new").importedTotal == 1)
        try c.add("Dorothy Vaughan", ask: "fourth ask")
        #expect(try c.sync("new").importedTotal == 1)
        try a.sync("new")
        try b.sync("new")
        for d in [a, b, c] {
            #expect(try d.names() == ["Ada Lovelace", "Dorothy Vaughan", "Grace Hopper", "Katherine Johnson"], "\(d.name)")
        }
        // Everything written after the change is sealed with the new key (the key file aside).
        for (path, data) in written(since: before) where !path.hasPrefix(FolderKey.generationDirectory) {
            let header = try CryptChecks.header(data)
            #expect(header.isEncrypted && header.keyID == newKey.keyID, "\(path) is not sealed with the new key")
        }
        CryptChecks.expectNoPlaintext("ask", in: folder)

        // A device joining after the change reads the files sealed before it, with the new passphrase alone.
        let d = try device("d")
        CryptChecks.expectRefusal(.passphraseRequired) { try d.sync(nil) }
        expectWrongPassphrase { try d.sync("old") }
        let r = try d.sync("new")
        #expect(r.damaged.isEmpty && r.waiting.isEmpty)
        #expect(try d.names() == a.names())

        // A second change carries both earlier keys.
        let third = try b.access.changeKey(oldPassphrase: "new", newPassphrase: "newer")
        #expect(third.key?.generation == 3 && third.key?.retiredKeyIDs.count == 2)
        let e = try device("e")
        #expect(try e.sync("newer").damaged.isEmpty)
        #expect(try e.names() == a.names())
    }

    @Test func aKeyChangeNeedsTheCurrentPassphrase() throws {
        let a = try device("a")
        try a.sync("old", encrypt: true)
        expectWrongPassphrase { try a.access.changeKey(oldPassphrase: "guess", newPassphrase: "new") }
        CryptChecks.expectRefusal(.samePassphrase) { try a.access.changeKey(oldPassphrase: "old", newPassphrase: "old") }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(FolderKey.generationDirectory).path))
        // A second device that has not followed yet cannot change the key to another passphrase.
        let b = try device("b")
        try b.sync("old")
        _ = try a.access.changeKey(oldPassphrase: "old", newPassphrase: "new")
        CryptChecks.expectRefusal(.folderKeyChanged) { try b.access.changeKey(oldPassphrase: "old", newPassphrase: "mine") }
    }

    @Test func theOlderKeyFilePutBackIsRefused() throws {
        let a = try device("a")
        try a.sync("old", encrypt: true)
        _ = try a.access.changeKey(oldPassphrase: "old", newPassphrase: "new")
        let keys = folder.appendingPathComponent(FolderKey.generationDirectory)
        let aside = dir.url.appendingPathComponent("keys-aside")
        try FileManager.default.moveItem(at: keys, to: aside)
        CryptChecks.expectRefusal(.keyFileMissing) { try a.sync("new") }
        CryptChecks.expectRefusal(.keyFileMissing) { try a.sync("old") }
        try FileManager.default.moveItem(at: aside, to: keys)
        try a.sync("new")
    }

    @Test func twoKeyChangesAtTheSameTimeResolveTheSameWayEverywhere() throws {
        let a = try device("a"), b = try device("b"), c = try device("c")
        try a.add("Ada Lovelace", ask: "first ask")
        try a.sync("old", encrypt: true)
        try b.sync("old")
        try c.sync("old")
        let keys = folder.appendingPathComponent(FolderKey.generationDirectory)

        // a and b change the key before either sees the other's key file (the sync tool is slow).
        let fromA = try #require(try a.access.changeKey(oldPassphrase: "old", newPassphrase: "by a").key)
        let aFile = keys.appendingPathComponent(FolderKey.generationFileName(generation: 2, keyID: fromA.keyID))
        let aside = dir.url.appendingPathComponent("a.tbk")
        try FileManager.default.moveItem(at: aFile, to: aside)
        let fromB = try #require(try b.access.changeKey(oldPassphrase: "old", newPassphrase: "by b").key)
        try b.add("Grace Hopper", ask: "second ask")
        try b.sync("by b")
        try FileManager.default.moveItem(at: aside, to: aFile)

        // Every device picks the same winner: generation 2 with the smaller key id.
        let aWins = fromA.keyID < fromB.keyID
        let (winner, loser) = aWins ? (a, b) : (b, a)
        let (winPass, losePass) = aWins ? ("by a", "by b") : ("by b", "by a")
        #expect(try SharedFolder(path: folder.path).keyFiles().current?.keyID == min(fromA.keyID, fromB.keyID))
        try winner.sync(winPass)
        CryptChecks.expectRefusal(.concurrentKeyChange) { try loser.sync(losePass) }
        CryptChecks.expectRefusal(.concurrentKeyChange) { try loser.sync(winPass) }
        CryptChecks.expectRefusal(.folderKeyChanged) { try c.sync("old") }

        // The loser carries its key into the next generation, under the winner's passphrase.
        let merged = try #require(try loser.access.changeKey(oldPassphrase: losePass, newPassphrase: winPass).key)
        #expect(merged.generation == 3 && merged.opens(keyID: fromA.keyID) && merged.opens(keyID: fromB.keyID))
        for d in [loser, winner, c, loser, winner, c] {
            let r = try d.sync(winPass)
            #expect(r.damaged.isEmpty, "\(d.name): \(r.damaged)")
        }
        for d in [a, b, c] {
            #expect(try d.names() == ["Ada Lovelace", "Grace Hopper"], "\(d.name)")
        }
    }

    func expectWrongPassphrase<T>(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T) {
        do {
            _ = try body()
            Issue.record("expected wrongPassphrase", sourceLocation: sourceLocation)
        } catch let e as ExchangeError {
            #expect(e.code == .wrongPassphrase, "\(e)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected wrongPassphrase, got \(error)", sourceLocation: sourceLocation)
        }
    }
}
