import Foundation
import Testing
@testable import TouchbaseExchange
import TouchbaseCore
import TouchbaseTestSupport

/// Caps on the Change-batch decoder relative to the stored payload and absolutely (SPEC §7.2, §9):
/// a small file cannot make a reader decode millions of Changes.
@Suite struct ChangeBatchLimitsTests {
    static let device = Fixtures.device(4)

    static func empty(_ n: Int, from first: UInt64 = 1) -> [Change] {
        (0..<n).map { Change(device: device, seq: first + UInt64($0), hlc: HLC(milliseconds: 1_767_603_600_000, counter: 0), deps: VersionVector(), ops: []) }
    }

    static func file(_ changes: [Change], compress: Bool = true) throws -> ExchangeFile {
        let bytes = ExchangeFile.seal(kind: .changes, device: device, first: changes.first!.seq, last: changes.last!.seq,
                                      payload: ChangeCodec.encode(changes), key: nil, signer: Sample.key(device), compress: compress)
        return try ExchangeFile.open(bytes, key: nil)
    }

    static func decodeError(_ file: ExchangeFile) -> ExchangeError.Code? {
        do {
            _ = try ChangeBatch.decode(file.payload, header: file.header)
            return nil
        } catch let e as ExchangeError {
            return e.code
        } catch {
            return .readFailed
        }
    }

    @Test func aRangeOverTheLimitIsTooLargeBeforeDecoding() throws {
        // 70,000 empty Changes: 420 KB decoded, a few hundred bytes stored.
        let file = try Self.file(Self.empty(70_000))
        #expect(Self.decodeError(file) == .tooLarge)
        #expect(!ChangeBatch.rangeIsWithinLimits(first: 1, last: 65_537))
        #expect(ChangeBatch.rangeIsWithinLimits(first: 1, last: 65_536))
        #expect(!ChangeBatch.rangeIsWithinLimits(first: 1, last: .max))
    }

    @Test func moreThanFourItemsPerStoredByteIsTooLarge() throws {
        let changes = Self.empty(60_000)
        let packed = try Self.file(changes)
        #expect(packed.header.storedLength * 4 < 60_000, "the compressed form is small")
        #expect(Self.decodeError(packed) == .tooLarge)
        // The same Changes stored uncompressed are within the limits.
        let plain = try Self.file(changes, compress: false)
        #expect(try ChangeBatch.decode(plain.payload, header: plain.header) == changes)
    }

    @Test func theCodecChecksEachCountAgainstItsLimit() throws {
        let ops = (0..<5).map { Op(entity: "contact", record: Fixtures.record(1), field: "f\($0)", value: .null) }
        let changes = [Change(device: Self.device, seq: 1, hlc: .zero, deps: VersionVector(), ops: ops),
                       Change(device: Self.device, seq: 2, hlc: .zero, deps: VersionVector(), ops: ops)]
        let bytes = ChangeCodec.encode(changes)
        #expect(try ChangeCodec.decode(bytes, limits: .init(maxChanges: 2, maxOps: 10, maxItems: 12)) == changes)
        for limits in [ChangeCodec.Limits(maxChanges: 1, maxOps: 10), .init(maxChanges: 2, maxOps: 9), .init(maxChanges: 2, maxOps: 10, maxItems: 11)] {
            #expect(throws: CodecError.self) { try ChangeCodec.decode(bytes, limits: limits) }
            do { _ = try ChangeCodec.decode(bytes, limits: limits) } catch let e as CodecError {
                guard e.code == .overLimit else { Issue.record("\(e) is not overLimit"); continue }
            }
        }
    }

    @Test func publishStoresUncompressedWhatWouldBreakTheRatio() throws {
        let t = try TestFolder("ratio")
        // 30,000 Changes putting the same value: compresses far better than 4 items per byte.
        let op = Op(entity: "contact", record: Fixtures.record(1), field: "stage", value: .bool(true))
        let changes = (1...30_000).map { Change(device: Self.device, seq: UInt64($0), hlc: HLC(milliseconds: 1_767_603_600_000, counter: 0),
                                                  deps: VersionVector(), ops: [op]) }
        let folder = t.folder.signing(with: Sample.key(Self.device)).trusting(KeyPins([Self.device: Sample.key(Self.device).publicKey]))
        let outcome = try folder.publish(changes)
        guard case .changes(let entry) = outcome.entry else { Issue.record("not a changes file"); return }
        #expect(try folder.readChanges(entry) == changes)
    }

    @Test func splitKeepsEveryRunWithinTheFileLimits() {
        let changes = Self.empty(150_000)
        let runs = ChangeBatch.split(changes)
        #expect(runs.map(\.count) == [65_536, 65_536, 18_928])
        #expect(runs.flatMap { $0 } == changes)
        let ops = Array(repeating: Op(entity: "contact", record: Fixtures.record(1), field: "n", value: .null), count: 4)
        let big = (0..<3).map { Change(device: Self.device, seq: UInt64($0 + 1), hlc: .zero, deps: VersionVector(), ops: ops) }
        #expect(ChangeBatch.split(big, limits: .init(maxChanges: 10, maxOps: 8)).map(\.count) == [2, 1])
        #expect(ChangeBatch.split(big, limits: .init(maxChanges: 10, maxOps: 3)).map(\.count) == [1, 1, 1])
        #expect(ChangeBatch.split([]).isEmpty)
    }
}
