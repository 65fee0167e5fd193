import Foundation
import Testing
import TouchbaseCore
@testable import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// No Change is held hostage by its author's absence (issue 7, SPEC §11.2): once the folder lacks a
/// device's Changes (a folder move, a lost file) and the device is gone for good, another device
/// relays them under the author's signature, and readers verify them as the author's own.
@Suite struct RelaySyncTests {
    /// a and b edit, b on top of a's edit; a leaves for good. The folder moves (or is emptied):
    /// b publishes its own Changes again and relays a's, with a's card. A new device joins and gets
    /// everything, a's key pinned from the relayed card.
    @Test(arguments: ["moved", "emptied"])
    func aNewDeviceGetsADepartedDevicesChangesThroughRelays(how: String) throws {
        let lab = try SyncLab("relay-\(how)", seed: 40)
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.put(a, 2, [("name", .text("Bob"))])
        try lab.sync(a)
        try lab.sync(b)
        try lab.put(b, 1, [("organization", .text("Analytical Engines"))])  // depends on a's Changes
        try lab.sync(b)
        try lab.sync(a)
        #expect(!FileManager.default.fileExists(atPath: lab.path("relays")), "nothing is relayed while the authors' files are there")
        let aID = try a.device, bID = try b.device
        // a is gone for good: it never syncs again.
        let target: SharedFolder
        if how == "moved" {
            target = SharedFolder(path: try lab.temp.directory("moved").path)
            try SyncEngine.forgetFolderNotes(in: b, device: bID)
        } else {
            for dir in ["changes", "acks", "devices"] { try FileManager.default.removeItem(atPath: lab.path(dir)) }
            target = lab.folder
        }
        let r = try lab.sync(b, folder: target)
        #expect(r.relayed == 2 && r.relayedCards == 1, "\(r.relayed) \(r.relayedCards)")
        let relayDir = target.path + "/relays/\(bID.hex)/\(aID.hex)"
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: relayDir)) == ["1-2.tbc", "card.tbd"])
        #expect(try lab.sync(b, folder: target).relayed == 0, "a quiet sync relays nothing more")

        let c = try lab.store("c")
        let got = try lab.sync(c, folder: target)
        #expect(got.waiting.isEmpty && got.rejected.isEmpty && got.damaged.isEmpty, "\(got.waiting) \(got.rejected) \(got.damaged)")
        #expect(got.imported[aID] == 2 && got.imported[bID] == 1)
        #expect(got.keyEvents.contains { $0.device == aID && $0.kind == .pinned })
        #expect(try c.pinnedKeys()[aID]?.publicKey == a.pinnedKeys()[aID]?.publicKey)
        #expect(try c.deviceNames()[aID] == "a", "the departed device's name comes with its relayed card")
        #expect(try SyncTestSupport.observable(c) == SyncTestSupport.observable(b))
        // c relays nothing: the folder holds every Change already.
        #expect(!FileManager.default.fileExists(atPath: target.path + "/relays/\(try c.device.hex)"))
        try lab.expectConverged([b, c], folder: target)
    }

    /// A lost file of a departed device: only its range is relayed, and a device that joins later
    /// gets it from the relay (the departed device's other files and card are still there).
    @Test func aLostFileOfADepartedDeviceIsRelayed() throws {
        let lab = try SyncLab("relay-lost", seed: 41)
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.sync(a)
        try lab.put(a, 2, [("name", .text("Bob"))])
        try lab.sync(a)
        #expect(try lab.sync(b).relayed == 0)
        let aID = try a.device, bID = try b.device
        try FileManager.default.removeItem(atPath: lab.path("changes/\(aID.hex)/1-1.tbc"))
        let r = try lab.sync(b)
        #expect(r.relayed == 1 && r.relayedCards == 0, "\(r.relayed) \(r.relayedCards)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: lab.path("relays/\(bID.hex)/\(aID.hex)")) == ["1-1.tbc"])
        let c = try lab.store("c")
        let got = try lab.sync(c)
        #expect(got.waiting.isEmpty && got.imported[aID] == 2, "\(got.waiting) \(got.imported)")
        #expect(try lab.names(c) == ["Ada", "Bob"])
    }

    /// A relay goes through the same checks as the author's own file: one signed by the relayer
    /// (`keyMismatch`) or one whose payload was altered under the author's signature
    /// (`signatureInvalid`) is rejected and never applied. Forgeries hold nothing for a relayer
    /// either: it relays the range genuinely, and readers apply that.
    @Test func aForgedRelayIsRejected() throws {
        let lab = try SyncLab("relay-forged", seed: 42)
        let a = try lab.store("a"), b = try lab.store("b"), m = try lab.store("m")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.sync(a)
        try lab.sync(b)
        try lab.sync(m)
        let aID = try a.device, bID = try b.device, mID = try m.device
        let ownPath = "changes/\(aID.hex)/1-1.tbc"
        let genuine = try ExchangeFile.open([UInt8](try Data(contentsOf: URL(fileURLWithPath: lab.path(ownPath)))), key: nil)
        let tuple = try #require(AuthorSignature(genuine))
        var changes = try ChangeBatch.decode(genuine.payload, header: genuine.header)
        changes[0].ops = changes[0].ops.map { op in
            var op = op
            if op.field == "name" { op.value = .text("Eve") }  // same length: only the signature can tell
            return op
        }
        let altered = tuple.frame(ChangeBatch.encode(changes), key: nil, compress: true)
        let mKey = try DeviceKeyFile.loadOrCreate(for: m)
        let resigned = ExchangeFile.seal(kind: .changes, device: aID, first: 1, last: 1, payload: ChangeBatch.encode(changes), key: nil, signer: mKey)
        // a's own file is gone (a left for good); the member m plants two forgeries where relays go.
        try FileManager.default.removeItem(atPath: lab.path(ownPath))
        let root = URL(fileURLWithPath: lab.folder.path)
        try SyncTestSupport.place(altered, at: "relays/\(mID.hex)/\(aID.hex)/1-1.tbc", under: root)
        try SyncTestSupport.place(resigned, at: "relays/\(mID.hex)/\(aID.hex)/1-1.2.tbc", under: root)
        let c = try lab.store("c")
        let got = try lab.sync(c)
        #expect(Set(got.rejected.map(\.code)) == [.signatureInvalid, .keyMismatch], "\(got.rejected)")
        #expect(got.imported[aID] == nil)
        #expect(try lab.names(c).isEmpty)
        // b does not take the forgeries for the range: it relays it, genuinely.
        #expect(try lab.sync(b).relayed == 1)
        #expect(FileManager.default.fileExists(atPath: lab.path("relays/\(bID.hex)/\(aID.hex)/1-1.tbc")))
        let healed = try lab.sync(c)
        #expect(healed.imported[aID] == 1)
        #expect(try lab.names(c) == ["Ada"])
        #expect(try lab.sync(b).relayed == 0)
    }

    /// A damaged file of a departed device: a reader stuck on it says so in its ack, the relayer
    /// then checks the file, finds it damaged, and relays the range.
    @Test func aDamagedFileOfADepartedDeviceIsRelayedOnceAnAckLags() throws {
        let lab = try SyncLab("relay-damaged", seed: 43)
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.sync(a)
        try lab.sync(b)
        let aID = try a.device
        try lab.flipByte("changes/\(aID.hex)/1-1.tbc")
        #expect(try lab.sync(b).relayed == 0, "by name the file is still there, and no ack lags")
        let c = try lab.store("c")
        #expect(try lab.sync(c).damaged.count == 1)
        #expect(try lab.sync(b).relayed == 1)
        #expect(try lab.sync(c).imported[aID] == 1)
        #expect(try lab.names(c) == ["Ada"])
    }
}

extension SyncLab {
    /// Every store observes the same through `folder`, and none has Changes waiting.
    func expectConverged(_ stores: [Store], folder other: SharedFolder, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let first = try SyncTestSupport.observable(stores[0])
        for s in stores.dropFirst() {
            #expect(try SyncTestSupport.observable(s) == first, sourceLocation: sourceLocation)
            #expect(try s.version() == stores[0].version(), sourceLocation: sourceLocation)
        }
        for s in stores {
            let r = try sync(s, folder: other)
            #expect(r.waiting.isEmpty && r.rejected.isEmpty, "\(r.waiting)", sourceLocation: sourceLocation)
        }
    }
}

/// Relays in an encrypted folder are sealed with the folder key like every other file, and a new
/// device reads them with the passphrase, verified as the author's.
@Suite struct EncryptedRelaySyncTests {
    @Test func aRelayInAnEncryptedFolderIsSealedAndRead() throws {
        let dir = try TemporaryDirectory("relay-crypt", memory: true)
        let folder = try dir.directory("folder")
        let clock = TestClock(), random = SharedRandom(seed: 44)
        let a = try CryptDevice("a", in: dir, folder: folder, clock: clock, random: random)
        let b = try CryptDevice("b", in: dir, folder: folder, clock: clock, random: random)
        try a.add("Ada Lovelace", ask: "a secret ask")
        try a.sync("pass", encrypt: true)
        try b.sync("pass")
        // a leaves for good; its files are lost.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("changes/\(try a.store.device.hex)"))
        #expect(try b.sync("pass").relayed == 1)
        CryptChecks.expectNoPlaintext("a secret ask", in: folder)
        let aID = try a.store.device
        let relay = "relays/\(try b.store.device.hex)/\(aID.hex)/1-1.tbc"
        let header = try ExchangeHeader.parse([UInt8](try Data(contentsOf: folder.appendingPathComponent(relay))))
        #expect(header.isEncrypted && header.device == aID)
        let c = try CryptDevice("c", in: dir, folder: folder, clock: clock, random: random)
        let got = try c.sync("pass")
        #expect(got.rejected.isEmpty && got.waiting.isEmpty)
        #expect(try c.names() == ["Ada Lovelace"])
    }
}
