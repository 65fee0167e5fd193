import Foundation
import Testing
@testable import TouchbaseExchange
import TouchbaseCore
import TouchbaseTestSupport

/// Replays every input that ever crashed, hung or blew the memory bound of a fuzz target
/// (`Protocol/vectors/crashers/`, see Tools/fuzz.sh) and every bad vector through each reader a sync
/// uses, as the fuzz targets see them: the bytes as they are, with the trailing checksum recomputed,
/// as a bare payload, and resealed with the folder key. Every input must be refused with an
/// ``ExchangeError`` (or read cleanly), within a time and memory budget.
@Suite(.serialized) struct DecoderCorpusTests {
    static let vectors = ProtocolVectorTests.vectors
    static let vectorKey = try! FolderKey.unlock(keyFile: try! ProtocolVectorTests.read("good/touchbase-folder.key"),
                                                 passphrase: "correct horse battery staple")
    static let budget = DecoderBudget()

    /// The crashers corpus and the bad vectors: (path relative to Protocol/vectors, bytes).
    static func corpus() throws -> [(name: String, bytes: [UInt8])] {
        var out: [(String, [UInt8])] = []
        for dir in ["crashers", "bad"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: vectors.appendingPathComponent(dir).path)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") && name != "README.md" {
                out.append(("\(dir)/\(name)", try ProtocolVectorTests.read("\(dir)/\(name)")))
            }
        }
        return out
    }

    @Test func theCorpusIsThere() throws {
        let corpus = try Self.corpus()
        #expect(corpus.filter { $0.name.hasPrefix("bad/") }.count >= 20)
        #expect(FileManager.default.fileExists(atPath: Self.vectors.appendingPathComponent("crashers/README.md").path))
    }

    /// The budget sees an allocation of a declared size and a slow decoder.
    @Test func theBudgetCatchesWhatItBounds() {
        let cost = DecoderBudget.measure {
            let block = [UInt8](repeating: 1, count: 192 << 20)
            #expect(block[block.count - 1] == 1)
        }
        #if os(Linux)
        #expect(cost.megabytes >= 150, "\(cost)")
        #endif
        #expect(!Self.budget.allows(.init(seconds: Self.budget.seconds + 1, megabytes: 0)))
        #expect(!Self.budget.allows(.init(seconds: 0, megabytes: Self.budget.megabytes + 1)))
    }

    @Test func everyInputIsRefusedCleanlyByEveryReader() throws {
        for (name, bytes) in try Self.corpus() {
            let cost = DecoderBudget.measure {
                for view in Self.views(of: bytes) {
                    for key in [nil, Self.vectorKey] {
                        Self.readThroughFolder(view, key: key, name: name)
                    }
                    Self.decodeAsPayload(view, name: name)
                    Self.readAsKeyFile(view, name: name)
                }
                Self.resealAndRead(bytes, name: name)
            }
            #expect(Self.budget.allows(cost), "\(name): \(cost), budget \(Self.budget)")
        }
    }

    @Test func badVectorsAreRefusedByTheReaderOfTheirKind() throws {
        // A reader holding the keys the manifest says it pinned (a card with another key is bad
        // only against a pin).
        let manifest = try JSONSerialization.jsonObject(with: Data(try ProtocolVectorTests.read("manifest.json"))) as! [String: Any]
        let pins = try ProtocolVectorTests.pins(manifest)
        for (name, bytes) in try Self.corpus() where name.hasPrefix("bad/") {
            let folder = try TestFolder("bad-vector")
            let device = (try? ExchangeHeader.parse(bytes))?.device ?? Fixtures.device(1)
            let shared = SharedFolder(path: folder.path, key: name.contains("encrypted") ? Self.vectorKey : nil).trusting(pins)
            do {
                switch (name as NSString).pathExtension {
                case "tbc":
                    let entry = Self.changeEntry(bytes)
                    try folder.write(entry.relativePath, bytes)
                    _ = try shared.readChanges(entry)
                case "tba":
                    try folder.write(FolderEntry.ack(device).relativePath, bytes)
                    _ = try shared.readAck(of: device)
                case "tbd":
                    try folder.write(FolderEntry.deviceCard(device).relativePath, bytes)
                    // A card is checked against the pins by its own rule (SPEC §4.5).
                    var pins = shared.pins
                    if let card = try shared.readDeviceCard(of: device) { _ = try pins.admit(card) }
                case "key":
                    try folder.write(FolderKey.fileName, bytes)
                    _ = try shared.unlock(passphrase: "correct horse battery staple")
                default:
                    continue
                }
                Issue.record("\(name) was read without an error")
            } catch is ExchangeError {
            } catch {
                Issue.record("\(name): \(error) is not an ExchangeError")
            }
        }
    }

    /// Sizes a header declares are checked, and output grows only as data really inflates: a small
    /// file declaring the largest payload of its kind costs little memory, for every kind.
    @Test func aSmallFileDeclaringTheLargestPayloadCostsLittle() throws {
        let stored = Zlib.compress([UInt8](repeating: 0, count: 4096))
        for kind in ExchangeFileKind.allCases {
            let seq: UInt64 = kind == .changes || kind == .snapshotPart ? 1 : 0
            var header = ExchangeHeader(kind: kind, flags: ExchangeHeader.compressedFlag, device: Fixtures.device(1),
                                        first: seq, last: seq, payloadLength: ExchangeLimits.default.maxPayload(kind),
                                        storedLength: UInt64(stored.count), keyID: 0)
            header.signer = Sample.key(Fixtures.device(1)).publicKey.raw
            // Inflating comes before the signature is checked (SPEC §8), so any signature bytes do.
            let file = ExchangeFile.frame(header: header.encoded, stored: stored, signature: [UInt8](repeating: 0, count: 64))
            var thrown: ExchangeError?
            let cost = DecoderBudget.measure {
                do { _ = try ExchangeFile.open(file, key: nil) } catch { thrown = error as? ExchangeError }
            }
            #expect(thrown?.code == .decompressionFailed, "\(kind): \(String(describing: thrown))")
            #expect(cost.megabytes < 64, "\(kind): \(cost)")
        }
    }

    // MARK: - Views, as the fuzz targets make them

    /// The bytes, and the bytes with the exchange-file and key-file checksums recomputed.
    static func views(of bytes: [UInt8]) -> [[UInt8]] {
        var out = [bytes]
        if bytes.count >= ExchangeHeader.baseLength + 32 {
            let body = Array(bytes.dropLast(32))
            out.append(body + SHA256Digest.hash(body))
        }
        if bytes.count == FolderKey.fileLength {
            out.append(Array(bytes[0..<84]) + SHA256Digest.hash(Array(bytes[0..<84])))
        }
        return out
    }

    /// A changes-file name that agrees with the header when it parses.
    static func changeEntry(_ bytes: [UInt8]) -> ChangeFileEntry {
        if let h = try? ExchangeHeader.parse(bytes), h.kind == .changes {
            return ChangeFileEntry(device: h.device, first: h.first, last: h.last)
        }
        return ChangeFileEntry(device: Fixtures.device(1), first: 1, last: 1)
    }

    /// Writes the bytes under a name of every kind (named after the header when it parses) and
    /// reads each through the folder.
    static func readThroughFolder(_ bytes: [UInt8], key: FolderKey?, name: String) {
        guard let folder = try? TestFolder("corpus") else { Issue.record("no temporary folder"); return }
        let device = (try? ExchangeHeader.parse(bytes))?.device ?? Fixtures.device(1)
        let changes = changeEntry(bytes)
        let snapshot = SnapshotEntry(device: device, total: 0, digest: "0000000000000000")
        let shared = SharedFolder(path: folder.path, key: key)
        do {
            try folder.write(changes.relativePath, bytes)
            try folder.write(FolderEntry.ack(device).relativePath, bytes)
            try folder.write(FolderEntry.deviceCard(device).relativePath, bytes)
            try folder.write(snapshot.relativePath, bytes)
        } catch {
            Issue.record("cannot write the test folder: \(error)")
            return
        }
        refusedCleanly(name, "changes") { _ = try shared.readChanges(changes) }
        refusedCleanly(name, "ack") { _ = try shared.readAck(of: device) }
        refusedCleanly(name, "device card") { _ = try shared.readDeviceCard(of: device) }
        refusedCleanly(name, "snapshot") { _ = try shared.readSnapshot(snapshot) }
        refusedCleanly(name, "scan") { _ = try shared.scan() }
    }

    /// The bytes as a bare payload of each kind.
    static func decodeAsPayload(_ bytes: [UInt8], name: String) {
        func header(_ kind: ExchangeFileKind) -> ExchangeHeader {
            let seq: UInt64 = kind == .changes || kind == .snapshotPart ? 1 : 0
            return ExchangeHeader(kind: kind, flags: 0, device: Fixtures.device(1), first: seq, last: seq,
                                  payloadLength: UInt64(bytes.count), storedLength: UInt64(bytes.count), keyID: 0)
        }
        refusedCleanly(name, "changes payload") { _ = try ChangeBatch.decode(bytes, header: header(.changes)) }
        refusedCleanly(name, "ack payload") { _ = try Ack.decode(bytes, header: header(.ack)) }
        refusedCleanly(name, "card payload") { _ = try DeviceCard.decode(bytes, header: header(.deviceCard)) }
        refusedCleanly(name, "snapshot payload") {
            let snapshot = try Snapshot.decode(bytes, header: header(.snapshot))
            _ = Snapshot.nameTag(covering: snapshot.covers)
        }
    }

    /// The bytes as the folder key file: parsed, and unlocked when its scrypt cost is the testing one.
    static func readAsKeyFile(_ bytes: [UInt8], name: String) {
        refusedCleanly(name, "key file") {
            let parameters = try FolderKey.parse(keyFile: bytes)
            guard parameters.log2N <= 10, parameters.r <= 8, parameters.p == 1 else { return }
            _ = try FolderKey.unlock(keyFile: bytes, passphrase: "correct horse battery staple")
        }
    }

    /// The bytes after a parsable header, sealed as that header's kind with the folder key and read
    /// back through an encrypted folder.
    static func resealAndRead(_ bytes: [UInt8], name: String) {
        guard let h = try? ExchangeHeader.parse(bytes) else { return }
        let payload = Array(bytes[h.headerLength...])
        let sealed = ExchangeFile.seal(kind: h.kind, device: h.device, first: h.first, last: h.last,
                                       payload: payload, key: vectorKey, signer: Sample.key(h.device), compress: h.isCompressed)
        guard let folder = try? TestFolder("corpus-sealed") else { return }
        let shared = SharedFolder(path: folder.path, key: vectorKey)
        refusedCleanly(name, "resealed") {
            switch h.kind {
            case .changes:
                let entry = ChangeFileEntry(device: h.device, first: h.first, last: h.last)
                try folder.write(entry.relativePath, sealed)
                _ = try shared.readChanges(entry)
            case .ack:
                try folder.write(FolderEntry.ack(h.device).relativePath, sealed)
                _ = try shared.readAck(of: h.device)
            case .deviceCard:
                try folder.write(FolderEntry.deviceCard(h.device).relativePath, sealed)
                _ = try shared.readDeviceCard(of: h.device)
            case .snapshot:
                let entry = SnapshotEntry(device: h.device, total: 0, digest: "0000000000000000")
                try folder.write(entry.relativePath, sealed)
                _ = try shared.readSnapshot(entry)
            case .snapshotPart:
                let entry = SnapshotEntry(device: h.device, total: 0, digest: "0000000000000000")
                try folder.write(FolderEntry.snapshotPart(entry, part: h.first).relativePath, sealed)
                _ = try shared.readSnapshotPart(of: entry, number: h.first, expected: SnapshotBody.Part(records: 0, length: 0, sha256: []))
            }
        }
    }

    /// Runs one read: returning or throwing an ``ExchangeError`` is clean; anything else is recorded.
    static func refusedCleanly(_ name: String, _ reader: String, _ body: () throws -> Void) {
        do {
            try body()
        } catch is ExchangeError {
        } catch {
            Issue.record("\(name) through the \(reader) reader: \(error) is not an ExchangeError")
        }
    }
}
