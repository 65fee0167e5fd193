import Foundation
import Testing
import TouchbaseCore
@testable import TouchbaseExchange
import TouchbaseStore
@testable import TouchbaseSync
import TouchbaseTestSupport

/// Issue 8, "A member cannot speak for another device", end to end through the sync engine: every
/// file is signed by its device, readers pin keys from device cards, and a file signed by any other
/// key is rejected, reported and never applied.
@Suite struct SignatureSyncTests {
    struct Devices {
        let temp: TemporaryDirectory
        let folderURL: URL
        let folder: SharedFolder
        let a: Store, b: Store, c: Store

        init(_ label: String) throws {
            temp = try TemporaryDirectory(label, memory: true)
            let clock = TestClock()
            let random = SharedRandom(seed: 8)
            folderURL = try temp.directory("folder")
            folder = SharedFolder(path: folderURL.path)
            let env = SyncTestSupport.environment(clock: clock, random: random)
            a = try Store.create(at: temp.path("a.sqlite"), deviceName: "a", environment: env)
            b = try Store.create(at: temp.path("b.sqlite"), deviceName: "b", environment: env)
            c = try Store.create(at: temp.path("c.sqlite"), deviceName: "c", environment: env)
        }

        @discardableResult
        func sync(_ store: Store) throws -> SyncReport { try SyncEngine(store: store, folder: folder).sync() }
    }

    @Test func aMemberWritingAnotherDevicesChangesIsRejectedReportedAndNeverApplied() throws {
        let d = try Devices("forged-changes")
        let ada = Fixtures.record(1)
        try d.a.commit(RecordOps.put("contact", ada, [("name", .text("Ada"))]))
        try d.sync(d.a)
        try d.sync(d.b)
        try d.sync(d.c)
        #expect(try d.c.record("contact", id: ada)?.text("name") == "Ada")
        let aID = try d.a.device

        // b holds the passphrase (none here) and its own valid key, and writes a's next Change.
        let forgedChange = Change(device: aID, seq: 2, hlc: HLC(milliseconds: 1_800_000_000_000, counter: 0), deps: VersionVector(),
                                  ops: [Op(entity: "contact", record: ada, field: "name", value: .text("Ada (edited by b, signed as a)"))])
        let member = d.folder.signing(with: try DeviceKeyFile.loadOrCreate(for: d.b))
        try member.publish([forgedChange])
        let forgedPath = ChangeFileEntry(device: aID, first: 2, last: 2).relativePath

        for round in 1...2 {
            let report = try d.sync(d.c)
            #expect(report.rejected.map(\.path) == [forgedPath], "round \(round)")
            #expect(report.rejected.first?.code == .keyMismatch)
            #expect(report.rejected.first?.device == aID)
            #expect(report.importedTotal == 0)
            #expect(report.damaged.isEmpty)
        }
        #expect(try d.c.version()[aID] == 1)
        #expect(try d.c.record("contact", id: ada)?.text("name") == "Ada")
        // History attributes nothing to a that a did not sign.
        let history = try d.c.history(of: ada)
        #expect(history.map(\.dot) == [Dot(device: aID, seq: 1)])
        #expect(SyncTestSupport.files(under: d.folderURL)[forgedPath] != nil, "a reader never deletes")

        // The forgery is no evidence that a was copied: a publishes its real #2 over it.
        try d.a.commit(RecordOps.put("contact", ada, [("organization", .text("Analytical Engines"))]))
        let own = try d.sync(d.a)
        #expect(own.identityClash == nil)
        #expect(own.publishedFile == forgedPath)
        let healed = try d.sync(d.c)
        #expect(healed.rejected.isEmpty && healed.importedTotal == 1)
        #expect(try d.c.record("contact", id: ada)?.text("organization") == "Analytical Engines")
        #expect(try d.c.record("contact", id: ada)?.text("name") == "Ada")
        #expect(try d.c.history(of: ada).map(\.dot) == [Dot(device: aID, seq: 1), Dot(device: aID, seq: 2)])
    }

    @Test func aForgedCardWithAnotherKeyIsRefusedAndTheOldKeyStaysPinned() throws {
        let d = try Devices("forged-card")
        try d.a.commit(RecordOps.put("contact", Fixtures.record(1), [("name", .text("Ada"))]))
        try d.sync(d.a)
        let first = try d.sync(d.c)
        let aID = try d.a.device
        #expect(first.keyEvents.contains(KeyEvent(device: aID, kind: .pinned, fingerprint: try DeviceKeyFile.loadOrCreate(for: d.a).publicKey.fingerprint)))
        let pinned = try #require(try d.c.pinnedKeys()[aID])

        // b replaces a's card with one publishing b's own key (signed by it), renaming a too.
        let bKey = try DeviceKeyFile.loadOrCreate(for: d.b)
        try d.folder.signing(with: bKey).writeDeviceCard(DeviceCard(device: aID, name: "evil", createdAt: 1))
        // And signs a's next Change with it.
        try d.folder.signing(with: bKey).publish([Change(device: aID, seq: 2, hlc: HLC(milliseconds: 1_800_000_000_000, counter: 0),
                                                         deps: VersionVector(), ops: [Op(entity: "contact", record: Fixtures.record(1), field: "name", value: .text("x"))])])

        let report = try d.sync(d.c)
        #expect(Set(report.rejected.map(\.code)) == [.keyMismatch])
        #expect(report.rejected.count == 2)
        #expect(report.keyEvents.isEmpty)
        let after = try #require(try d.c.pinnedKeys()[aID])
        #expect(after.publicKey == pinned.publicKey)
        #expect(after.refusedKey == bKey.publicKey.raw)
        #expect(try d.c.deviceNames()[aID] == "a")
        #expect(try d.c.version()[aID] == 1)

        // a notices its card is not its own and writes it again; the forged #2 is no evidence of a copy.
        #expect(try d.sync(d.a).identityClash == nil)
        let card = try #require(try d.folder.readDeviceCard(of: aID))
        #expect(card.publicKey?.raw == pinned.publicKey)
    }

    @Test func aHeaderAlteredAfterSigningIsRejected() throws {
        let d = try Devices("altered")
        try d.a.commit(RecordOps.put("contact", Fixtures.record(1), [("name", .text("Ada"))]))
        let published = try #require(try d.sync(d.a).publishedFile)
        let url = d.folderURL.appendingPathComponent(published)
        let bytes = [UInt8](try Data(contentsOf: url))
        let header = try ExchangeHeader.parse(bytes)
        var altered = bytes
        altered[9] = 1   // minor 0 -> 1: same name, same payload, not what a signed
        let signatureStart = bytes.count - header.trailerLength
        let reframed = ExchangeFile.frame(header: Array(altered.prefix(header.headerLength)), stored: Array(altered[header.headerLength..<signatureStart]),
                                          signature: Array(altered[signatureStart..<(bytes.count - 32)]))
        try Data(reframed).write(to: url)
        let report = try d.sync(d.c)
        #expect(report.rejected.map(\.code) == [.signatureInvalid])
        #expect(report.importedTotal == 0)
        try Data(bytes).write(to: url)
        #expect(try d.sync(d.c).importedTotal == 1)
    }

    @Test func filesOfADeviceWhoseCardHasNotArrivedWait() throws {
        let d = try Devices("no-card")
        try d.a.commit(RecordOps.put("contact", Fixtures.record(1), [("name", .text("Ada"))]))
        try d.sync(d.a)
        let aID = try d.a.device
        let card = FolderEntry.deviceCard(aID).relativePath
        let cardBytes = try #require(SyncTestSupport.files(under: d.folderURL)[card])
        try FileManager.default.removeItem(at: d.folderURL.appendingPathComponent(card))
        let waiting = try d.sync(d.c)
        #expect(waiting.waitingForCard == [ChangeFileEntry(device: aID, first: 1, last: 1).relativePath])
        #expect(waiting.importedTotal == 0 && waiting.damaged.isEmpty && waiting.rejected.isEmpty)
        #expect(try d.c.pinnedKeys()[aID] == nil)
        try SyncTestSupport.place(cardBytes, at: card, under: d.folderURL)
        let arrived = try d.sync(d.c)
        #expect(arrived.importedTotal == 1)
        #expect(arrived.keyEvents.map(\.kind) == [.pinned])
    }

    @Test func anEndorsedRotationIsFollowedAndShown() throws {
        let d = try Devices("rotation")
        try d.a.commit(RecordOps.put("contact", Fixtures.record(1), [("name", .text("Ada"))]))
        try d.sync(d.a)
        try d.sync(d.c)
        let aID = try d.a.device
        let old = try DeviceKeyFile.loadOrCreate(for: d.a)
        let new = DeviceSigningKey.generate()
        // a rotates: a card with the new key endorsed by the old one, then a Change signed by the new key.
        let rotated = d.folder.signing(with: new)
        try rotated.writeDeviceCard(DeviceCard(device: aID, name: "a", createdAt: 1,
                                               endorsement: KeyEndorsement(device: aID, previous: old, new: new.publicKey)))
        let next = try d.a.commit(RecordOps.put("contact", Fixtures.record(2), [("name", .text("Grace"))]))
        _ = next
        try rotated.publish(try d.a.changes(of: aID, after: 1))
        let report = try d.sync(d.c)
        #expect(report.keyEvents == [KeyEvent(device: aID, kind: .rotated, fingerprint: new.publicKey.fingerprint)])
        #expect(report.importedTotal == 1 && report.rejected.isEmpty)
        let pin = try #require(try d.c.pinnedKeys()[aID])
        #expect(pin.publicKey == new.publicKey.raw && pin.previousKey == old.publicKey.raw && pin.rotatedAt != nil)
    }

    @Test func aLostKeyStopsPublishingUntilARekeyMintsANewIdAndKey() throws {
        let d = try Devices("lost-key")
        try d.a.commit(RecordOps.put("contact", Fixtures.record(1), [("name", .text("Ada"))]))
        try d.sync(d.a)
        try d.sync(d.c)
        let oldID = try d.a.device
        try FileManager.default.removeItem(atPath: DeviceKeyFile.path(nextTo: d.a.path))
        try d.a.commit(RecordOps.put("contact", Fixtures.record(2), [("name", .text("Grace"))]))
        let refused = try d.sync(d.a)
        #expect(refused.signingKeyReplaced)
        #expect(refused.published == 0)
        let newID = try SyncEngine(store: d.a, folder: d.folder).rekey()
        #expect(newID != oldID)
        let after = try d.sync(d.a)
        // The re-issued edit, and the retirement of the old id (SPEC §3.7, "A re-keyed id").
        #expect(!after.signingKeyReplaced && after.published == 2)
        #expect(after.garbage.retiredOldIDs == [oldID])
        let report = try d.sync(d.c)
        #expect(report.keyEvents.map(\.device).contains(newID))
        #expect(try d.c.record("contact", id: Fixtures.record(2))?.text("name") == "Grace")
        let attrs = try DeviceKeyFile.path(nextTo: d.a.path).withCString { p -> mode_t in
            var s = stat()
            stat(p, &s)
            return s.st_mode & 0o777
        }
        #expect(attrs == 0o600)
    }

    @Test func anUpgradedDeviceReSignsItsFormatOneHistoryAndOnlyThenIsItApplied() throws {
        let d = try Devices("migration")
        let aID = try d.a.device
        // Made by format 1.0: Changes without the links of 3.0 (Protocol/SPEC.md §3.6).
        _ = try d.a.apply([
            Change(device: aID, seq: 1, hlc: HLC(milliseconds: 1_000, counter: 0), deps: VersionVector(),
                   ops: RecordOps.put("contact", Fixtures.record(1), [("name", .text("Ada"))])),
            Change(device: aID, seq: 2, hlc: HLC(milliseconds: 2_000, counter: 0), deps: VersionVector(),
                   ops: RecordOps.put("contact", Fixtures.record(2), [("name", .text("Grace"))])),
        ])
        // What format 1.0 published: the two Changes, the card and the ack, unsigned.
        let log = try d.a.changes(of: aID, after: 0)
        let entry = ChangeFileEntry(device: aID, first: 1, last: 2)
        try SyncTestSupport.place(ExchangeFile.sealUnsignedV1(kind: .changes, device: aID, first: 1, last: 2, payload: ChangeCodec.encode(log), key: nil),
                                  at: entry.relativePath, under: d.folderURL)
        try SyncTestSupport.place(ExchangeFile.sealUnsignedV1(kind: .deviceCard, device: aID, payload: DeviceCard(device: aID, name: "a", formatMajor: 1, createdAt: 1).payload, key: nil),
                                  at: FolderEntry.deviceCard(aID).relativePath, under: d.folderURL)
        try d.a.setMetaValue("publishedThrough." + aID.hex, "2")
        try d.a.setMetaValue("cardName", "a")

        // A 2.0 reader leaves them alone.
        let before = try d.sync(d.c)
        #expect(Set(before.unsigned) == [entry.relativePath, FolderEntry.deviceCard(aID).relativePath])
        #expect(before.importedTotal == 0 && before.damaged.isEmpty)
        #expect(try d.c.pinnedKeys()[aID] == nil)

        // a upgrades: its card is rewritten with its key, and its file re-signed under the same name.
        let upgraded = try d.sync(d.a)
        #expect(upgraded.resigned == 1)
        #expect(upgraded.identityClash == nil && !upgraded.signingKeyReplaced)
        let bytes = try #require(SyncTestSupport.files(under: d.folderURL)[entry.relativePath])
        #expect(bytes[8] == ExchangeHeader.writtenMajor(for: .changes))
        #expect(try d.sync(d.a).resigned == 0)

        let after = try d.sync(d.c)
        #expect(after.importedTotal == 2 && after.unsigned.isEmpty)
        #expect(try d.c.record("contact", id: Fixtures.record(2))?.text("name") == "Grace")
    }
}
