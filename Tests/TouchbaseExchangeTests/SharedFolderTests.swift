import Foundation
import Testing
@testable import TouchbaseExchange
import TouchbaseCore

@Suite struct SharedFolderTests {
    @Test func publishesScansAndReadsBack() throws {
        let t = try TestFolder()
        let folder = t.folder
        let first = Sample.changes(first: 1, count: 3), second = Sample.changes(first: 4, count: 2)
        #expect(try folder.publish(first).newlyWritten)
        #expect(try folder.publish(second).newlyWritten)
        try folder.publish(Sample.changes(Sample.deviceB, first: 1, count: 1))
        let scan = try folder.scan()
        #expect(scan.changeFiles.map(\.relativePath) == [
            "changes/\(Sample.deviceA.hex)/1-3.tbc", "changes/\(Sample.deviceA.hex)/4-5.tbc", "changes/\(Sample.deviceB.hex)/1-1.tbc",
        ])
        #expect(scan.ranges(of: Sample.deviceA) == [1...3, 4...5])
        #expect(scan.highestPublished(of: Sample.deviceA) == 5)
        #expect(scan.highestPublished(of: Sample.deviceC) == 0)
        #expect(scan.ignored.isEmpty)
        #expect(!scan.hasKeyFile)
        #expect(try folder.readChanges(scan.changeFiles[0]) == first)
        #expect(try folder.readChanges(scan.changeFiles[1]) == second)
        // No temporary file is left behind.
        #expect(t.allPaths().allSatisfy { !($0.split(separator: "/").last ?? "").hasPrefix(".") })
    }

    @Test func republishingTheSameRangeIsANoOpAndByteIdentical() throws {
        let t = try TestFolder()
        let changes = Sample.changes(count: 5)
        try t.folder.publish(changes)
        let path = "changes/\(Sample.deviceA.hex)/1-5.tbc"
        let bytes = try t.read(path)
        #expect(try t.folder.publish(changes).newlyWritten == false)
        #expect(try t.read(path) == bytes)
        // After a crash the same range is rebuilt from the log: same bytes.
        try FileManager.default.removeItem(atPath: t.path + "/" + path)
        try t.folder.publish(changes)
        #expect(try t.read(path) == bytes)
    }

    @Test func differentContentUnderAPublishedNameIsRefused() throws {
        let t = try TestFolder()
        try t.folder.publish(Sample.changes(count: 3))
        let path = "changes/\(Sample.deviceA.hex)/1-3.tbc"
        let before = try t.read(path)
        let error = expectError(.publishConflict) { try t.folder.publish(Sample.changes(count: 3, salt: " (restored backup)")) }
        #expect(error?.file == path)
        #expect(try t.read(path) == before)
        #expect(t.allPaths().filter { $0.contains("/.") }.isEmpty)
    }

    @Test func refusesToPublishWhatCannotShareAFile() throws {
        let t = try TestFolder()
        expectError(.invalidArgument) { try t.folder.publish([]) }
        expectError(.invalidArgument) { try t.folder.publish(Sample.changes(count: 1) + Sample.changes(first: 3, count: 1)) }
        expectError(.invalidArgument) { try t.folder.publish(Sample.changes(count: 1) + Sample.changes(Sample.deviceB, first: 2, count: 1)) }
        expectError(.invalidArgument) { try t.folder.removeOwnChangeFile(ChangeFileEntry(device: Sample.deviceB, first: 1, last: 1), owner: Sample.deviceA) }
    }

    @Test func acksAndCardsAreRewrittenByTheirOwner() throws {
        let t = try TestFolder()
        #expect(try t.folder.readAck(of: Sample.deviceA) == nil)
        #expect(try t.folder.readDeviceCard(of: Sample.deviceA) == nil)
        let ack1 = Ack(device: Sample.deviceA, applied: VersionVector([Sample.deviceA: 5, Sample.deviceB: 2]), writtenAt: 1000)
        let ack2 = Ack(device: Sample.deviceA, applied: VersionVector([Sample.deviceA: 9, Sample.deviceB: 4]), writtenAt: 2000)
        try t.folder.writeAck(ack1)
        #expect(try t.folder.readAck(of: Sample.deviceA) == ack1)
        try t.folder.writeAck(ack2)
        #expect(try t.folder.readAck(of: Sample.deviceA) == ack2)
        let card = DeviceCard(device: Sample.deviceA, name: "Laptop", createdAt: 5)
        try t.folder.writeDeviceCard(card)
        var published = card
        published.publicKey = Sample.key(Sample.deviceA).publicKey   // a card publishes the key that signs it
        #expect(try t.folder.readDeviceCard(of: Sample.deviceA) == published)
        let scan = try t.folder.scan()
        #expect(scan.acks == [Sample.deviceA])
        #expect(scan.deviceCards == [Sample.deviceA])
        #expect(scan.devices == [Sample.deviceA])
        #expect(t.allPaths() == ["acks", "acks/\(Sample.deviceA.hex).tba", "devices", "devices/\(Sample.deviceA.hex).tbd"])
    }

    @Test func snapshotsArePublishedOnceAndNamedByTheirVector() throws {
        let t = try TestFolder()
        let snapshot = Snapshot(device: Sample.deviceA, covers: VersionVector([Sample.deviceA: 5, Sample.deviceB: 3]), body: [1, 2, 3])
        let outcome = try t.folder.publishSnapshot(snapshot)
        #expect(outcome.newlyWritten)
        #expect(try !t.folder.publishSnapshot(snapshot).newlyWritten)
        let scan = try t.folder.scan()
        #expect(scan.snapshots.count == 1)
        #expect(scan.snapshots[0].total == 8)
        #expect(try t.folder.readSnapshot(scan.snapshots[0]) == snapshot)
    }

    @Test func encryptedFolderRoundTripAndFailures() throws {
        let t = try TestFolder()
        let key = try t.folder.createKeyFile(passphrase: "s3cret", salt: Array(repeating: 1, count: 32), parameters: .testing)
        expectError(.publishConflict) { try t.folder.createKeyFile(passphrase: "other", salt: Array(repeating: 2, count: 32), parameters: .testing) }
        #expect(try t.folder.isEncrypted())
        let folder = t.folder.with(key: key)
        let changes = Sample.changes(count: 4)
        try folder.publish(changes)
        try folder.writeAck(Ack(device: Sample.deviceA, applied: VersionVector([Sample.deviceA: 4]), writtenAt: 1))
        let path = "changes/\(Sample.deviceA.hex)/1-4.tbc"
        let bytes = try t.read(path)
        #expect(try !folder.publish(changes).newlyWritten)
        #expect(try t.read(path) == bytes)

        let scan = try folder.scan()
        #expect(scan.hasKeyFile)
        #expect(try folder.readChanges(scan.changeFiles[0]) == changes)
        let reopened = t.folder.with(key: try t.folder.unlock(passphrase: "s3cret"))
        #expect(try reopened.readChanges(scan.changeFiles[0]) == changes)
        expectError(.wrongPassphrase) { try t.folder.unlock(passphrase: "S3cret") }
        expectError(.keyRequired) { try t.folder.readChanges(scan.changeFiles[0]) }
        // A forger without the key drops a plain file into the folder.
        let forged = ExchangeFile.seal(kind: .changes, device: Sample.deviceB, first: 1, last: 1,
                                       payload: ChangeCodec.encode(Sample.changes(Sample.deviceB, count: 1)), key: nil, signer: Sample.key(Sample.deviceB))
        try t.write("changes/\(Sample.deviceB.hex)/1-1.tbc", forged)
        expectError(.decryptionFailed) { try folder.readChanges(ChangeFileEntry(device: Sample.deviceB, first: 1, last: 1)) }
        #expect(t.exists("changes/\(Sample.deviceB.hex)/1-1.tbc"))
        let plainFolder = try TestFolder()
        expectError(.badKeyFile) { try plainFolder.folder.unlock(passphrase: "x") }
    }

    @Test func removesOnlyItsOwnFilesAndStaleTemporaries() throws {
        let t = try TestFolder()
        try t.folder.publish(Sample.changes(count: 2))
        let entry = ChangeFileEntry(device: Sample.deviceA, first: 1, last: 2)
        try t.folder.removeOwnChangeFile(entry, owner: Sample.deviceA)
        #expect(!t.exists(entry.relativePath))
        try t.folder.removeOwnChangeFile(entry, owner: Sample.deviceA)   // already gone: fine
        let stale = "changes/\(Sample.deviceA.hex)/" + SharedFolder.temporaryName(Sample.deviceA)
        let foreign = "changes/\(Sample.deviceA.hex)/" + SharedFolder.temporaryName(Sample.deviceB)
        try t.write(stale, [1])
        try t.write(foreign, [1])
        let now = Int(Date().timeIntervalSince1970)
        #expect(try t.folder.removeStaleTemporaries(of: Sample.deviceA, now: now).isEmpty)
        #expect(try t.folder.removeStaleTemporaries(of: Sample.deviceA, now: now + 7200) == [stale])
        #expect(t.exists(foreign))
    }
}
