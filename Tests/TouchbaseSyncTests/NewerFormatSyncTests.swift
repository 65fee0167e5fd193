import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// A file of a newer major format (DESIGN §3 "Forward compatibility", §6): left alone, reported in
/// `newerFormat`, never deleted or counted as damaged; the rest of the sync goes on.
@Suite struct NewerFormatSyncTests {
    @Test func aNewerMajorFormatFileIsLeftAloneAndReported() throws {
        let temp = try TemporaryDirectory("newer", memory: true)
        let clock = TestClock()
        let random = SharedRandom(seed: 3)
        let folderURL = try temp.directory("folder")
        let folder = SharedFolder(path: folderURL.path)
        let a = try Store.create(at: temp.path("a.sqlite"), deviceName: "a", environment: SyncTestSupport.environment(clock: clock, random: random))
        let b = try Store.create(at: temp.path("b.sqlite"), deviceName: "b", environment: SyncTestSupport.environment(clock: clock, random: random))
        let x = Fixtures.record(1), y = Fixtures.record(2)

        try a.commit(RecordOps.put("contact", x, [("name", .text("Ada"))]))
        _ = try SyncEngine(store: a, folder: folder).sync()
        try a.commit(RecordOps.put("contact", y, [("name", .text("Grace"))]))
        let published = try SyncEngine(store: a, folder: folder).sync()
        let upgraded = try #require(published.publishedFile)

        // Device a upgraded to a Touchbase that writes a newer major format: bump the header's major version.
        let upgradedURL = folderURL.appendingPathComponent(upgraded)
        var bytes = [UInt8](try Data(contentsOf: upgradedURL))
        #expect(bytes[8] == ExchangeHeader.currentMajor)
        bytes[8] = ExchangeHeader.currentMajor + 1
        try Data(bytes).write(to: upgradedURL)
        // And a device b has never heard of published only in format 2.x, with a payload this
        // version cannot read at all.
        let stranger = DeviceID(ID128(high: 0x5757, low: 1))
        var future = ExchangeFile.seal(kind: .changes, device: stranger, first: 1, last: 3, payload: [0xFF, 0x00, 0x13, 0x37], key: nil,
                                       signer: DeviceSigningKey.generate())
        future[8] = 7
        future[9] = 3
        let strangerPath = ChangeFileEntry(device: stranger, first: 1, last: 3).relativePath
        try SyncTestSupport.place(future, at: strangerPath, under: folderURL)
        let before = SyncTestSupport.files(under: folderURL)

        try b.commit(RecordOps.put("contact", Fixtures.record(3), [("name", .text("Linus"))]))
        for round in 1...2 {
            let report = try SyncEngine(store: b, folder: folder).sync()
            #expect(Set(report.newerFormat) == [upgraded, strangerPath], "round \(round)")
            #expect(report.damaged.isEmpty, "round \(round): \(report.damaged)")
            #expect(report.identityClash == nil)
            if round == 1 {
                #expect(report.imported == [try a.device: 1])
                #expect(report.published == 1)
            } else {
                #expect(report.importedTotal == 0 && report.published == 0)
            }
            for (path, content) in before { #expect(SyncTestSupport.files(under: folderURL)[path] == content, "\(path) was touched") }
        }
        #expect(try b.record("contact", id: x)?.text("name") == "Ada")
        #expect(try b.record("contact", id: y) == nil)
        #expect(try b.version()[stranger] == 0)

        // The writer itself is not confused by its own file in the newer format: no identity clash.
        let again = try SyncEngine(store: a, folder: folder).sync()
        #expect(again.identityClash == nil)
        #expect(again.imported == [try b.device: 1])
        #expect(again.newerFormat == [strangerPath])
    }
}
