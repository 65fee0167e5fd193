import Foundation
import Testing
@testable import TouchbaseExchange
import TouchbaseCore
import TouchbaseTestSupport

/// Format 4.0 changes files (Protocol/SPEC.md §7.2, §11): published files hold word-coded batches
/// under major 4; files of majors 2 and 3 still read; a word-coded batch in an older major is
/// malformed; a relay carries either under its author's signature.
@Suite struct ChangeFileFormatFourTests {
    static func chained(_ device: DeviceID, count: Int) -> [Change] {
        var out: [Change] = []
        for i in 0..<count {
            var c = Change(device: device, seq: UInt64(i + 1), hlc: HLC(milliseconds: 1_767_603_600_000 + UInt64(i), counter: 0),
                           deps: VersionVector(), ops: [
                            Op(entity: "contact", record: Fixtures.record(UInt64(i % 3)), field: "notes", value: .text("met at the meetup \(i)")),
                            Op(entity: "contact", record: Fixtures.record(UInt64(i % 3)), field: "emails", value: .texts(["a@example.com", "b c"])),
                           ])
            // Seq 1 has nothing to link to; every later Change links to the one before it.
            c.prev = out.last?.digest(hash: ChangeBatch.sha256)
            out.append(c)
        }
        return out
    }

    @Test func publishedFilesAreFormatFourWithWordCodedBatches() throws {
        let t = try TestFolder()
        let changes = Self.chained(Sample.deviceA, count: 4)
        let outcome = try t.folder.publish(changes)
        let bytes = try t.read(outcome.entry.relativePath)
        let header = try ExchangeHeader.parse(bytes)
        #expect(header.major == 4 && header.minor == 0)
        let file = try ExchangeFile.open(bytes, key: nil)
        #expect(file.payload.first == ChangeCodec.wordsVersion)
        #expect(try t.folder.readChanges(ChangeFileEntry(device: Sample.deviceA, first: 1, last: 4)) == changes)
        // Publishing again finds the same content under the name.
        #expect(try t.folder.publish(changes).newlyWritten == false)
    }

    @Test func filesOfFormatsTwoAndThreeStillRead() throws {
        let t = try TestFolder()
        let unchained = Sample.changes(Sample.deviceA, count: 3)
        let linked = Self.chained(Sample.deviceB, count: 3)
        let two = ExchangeFile.sealing(kind: .changes, device: Sample.deviceA, first: 1, last: 3, payload: ChangeCodec.encode(unchained),
                                       key: nil, signer: Sample.key(Sample.deviceA), compress: true, major: 2)
        let three = ExchangeFile.sealing(kind: .changes, device: Sample.deviceB, first: 1, last: 3, payload: ChangeCodec.encode(linked),
                                         key: nil, signer: Sample.key(Sample.deviceB), compress: true, major: 3)
        try t.write(FolderEntry.changes(ChangeFileEntry(device: Sample.deviceA, first: 1, last: 3)).relativePath, two)
        try t.write(FolderEntry.changes(ChangeFileEntry(device: Sample.deviceB, first: 1, last: 3)).relativePath, three)
        #expect(try t.folder.readChanges(ChangeFileEntry(device: Sample.deviceA, first: 1, last: 3)) == unchained)
        #expect(try t.folder.readChanges(ChangeFileEntry(device: Sample.deviceB, first: 1, last: 3)) == linked)
    }

    @Test func aWordCodedBatchInAnOlderMajorIsMalformed() throws {
        let changes = Sample.changes(Sample.deviceA, count: 2)
        for major: UInt8 in [2, 3] {
            let bytes = ExchangeFile.sealing(kind: .changes, device: Sample.deviceA, first: 1, last: 2, payload: ChangeBatch.encode(changes),
                                             key: nil, signer: Sample.key(Sample.deviceA), compress: true, major: major)
            let file = try ExchangeFile.open(bytes, key: nil)
            expectError(.malformedPayload) { try ChangeBatch.decode(file.payload, header: file.header) }
        }
    }

    @Test func aReaderOfAnOlderMajorLeavesFormatFourAlone() throws {
        let bytes = ExchangeFile.seal(kind: .changes, device: Sample.deviceA, first: 1, last: 2,
                                      payload: ChangeBatch.encode(Sample.changes(Sample.deviceA, count: 2)), key: nil, signer: Sample.key(Sample.deviceA))
        // What a 3.0 reader sees: a major over its own.
        var three = bytes
        three[8] = ExchangeHeader.currentMajor + 1
        expectError(.newerMajorVersion) { try ExchangeHeader.parse(three) }
        #expect(bytes[8] == 4)
    }

    @Test func aRelayCarriesFilesOfEitherFormatUnderTheAuthorsSignature() throws {
        let t = try TestFolder()
        for (device, major) in [(Sample.deviceB, UInt8(3)), (Sample.deviceC, UInt8(4))] {
            let changes = Self.chained(device, count: 3)
            let payload = major >= 4 ? ChangeBatch.encode(changes) : ChangeCodec.encode(changes)
            let own = ExchangeFile.sealing(kind: .changes, device: device, first: 1, last: 3, payload: payload,
                                           key: nil, signer: Sample.key(device), compress: true, major: major)
            let tuple = try #require(AuthorSignature(try ExchangeFile.open(own, key: nil)))
            #expect(tuple.major == major)
            let outcome = try t.folder.publishRelay(changes, signature: tuple, relayer: Sample.deviceA)
            let relayed = try ExchangeFile.open(try t.read(outcome.entry.relativePath), key: nil)
            #expect(relayed.payload == payload)
            #expect(try ChangeBatch.decode(relayed.payload, header: relayed.header) == changes)
        }
    }
}
