import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

/// The signatures a device keeps to relay other devices' files (migration `v5-author-signatures`):
/// a range keeps the first signature recorded, a card the latest.
@Suite struct StoreAuthorSignatureTests {
    func signature(_ kind: UInt8, first: UInt64, last: UInt64, byte: UInt8, payload: [UInt8]? = nil) -> StoredSignature {
        StoredSignature(kind: kind, device: Fixtures.device(3), first: first, last: last, major: 2, minor: 0,
                        payloadLength: 10, signer: Array(repeating: 7, count: 32), signature: Array(repeating: byte, count: 64), payload: payload)
    }

    @Test func rangesKeepTheirFirstSignatureAndCardsTheLatest() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tb-sig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.create(at: dir.appendingPathComponent("s.sqlite").path, deviceName: "s")
        try store.keepSignatures([signature(1, first: 1, last: 3, byte: 1), signature(1, first: 1, last: 5, byte: 2),
                                  signature(3, first: 0, last: 0, byte: 3, payload: [1, 2])])
        try store.keepSignatures([signature(1, first: 1, last: 3, byte: 9), signature(3, first: 0, last: 0, byte: 4, payload: [5])])
        let kept = try store.keptSignatures()
        #expect(kept.map(\.kind) == [1, 1, 3])
        #expect(kept.map(\.last) == [5, 3, 0], "a device's ranges by first, the longest first")
        #expect(kept[1].signature == Array(repeating: 1, count: 64), "a range keeps its first signature")
        #expect(kept[2].signature == Array(repeating: 4, count: 64) && kept[2].payload == [5], "a card keeps the latest")
        #expect(kept[0].device == Fixtures.device(3) && kept[0].signer == Array(repeating: 7, count: 32))
    }
}
