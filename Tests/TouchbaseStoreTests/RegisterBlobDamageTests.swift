import Foundation
import GRDB
import Testing
import TouchbaseCore
@testable import TouchbaseStore
import TouchbaseTestSupport

/// A damaged `recordRegisters` row (cut short, with bytes after its end, with hostile counts or
/// flipped bytes) is an error from every reader of the layout (``RegisterBlob/decode(_:device:)``,
/// ``RegisterBlob/entries(_:)``, ``RegisterBlob/splice(_:changed:registers:into:scratch:index:)``),
/// never a crash, and an edit of such a record stores nothing.
@Suite struct RegisterBlobDamageTests {
    typealias Spliced = RegisterBlobSpliceTests

    static func splice(_ bytes: [UInt8], _ registers: [String: Register] = [:]) throws -> [UInt8] {
        var w = ByteWriter(), scratch = ByteWriter()
        try RegisterBlob.splice(bytes, changed: ["name"], registers: registers, into: &w, scratch: &scratch, index: Spliced.index)
        return w.bytes
    }

    /// The test's devices by index, an unknown index being an error (as ``WriteSession/device(at:)``).
    static func device(_ i: Int64) throws -> DeviceID {
        guard (1...Int64(Spliced.devices.count)).contains(i) else { throw StoreError.corrupt("unknown device index \(i)") }
        return try Spliced.device(i)
    }

    /// Calls every reader on `bytes`; returns which of them threw (decode, entries, splice).
    static func outcomes(_ bytes: [UInt8]) -> (decode: Bool, entries: Bool, splice: Bool) {
        let decode = (try? RegisterBlob.decode(bytes, device: Self.device)) == nil
        let entries = (try? RegisterBlob.entries(bytes)) == nil
        let splice = (try? Self.splice(bytes)) == nil
        return (decode, entries, splice)
    }

    static func randomRecords(_ count: Int, seed: UInt64) throws -> [[UInt8]] {
        var rng = SeededGenerator(seed: seed)
        return try (0..<count).map { _ in
            var fields: [String: Register] = [:]
            for name in Spliced.names where Bool.random(using: &rng) || fields.isEmpty { fields[name] = Spliced.randomRegister(&rng) }
            return try RegisterBlob.encode(fields, index: Spliced.index)
        }
    }

    @Test func everyCutShortRowIsAnErrorForEveryReader() throws {
        var cuts = 0
        for bytes in try Self.randomRecords(60, seed: 0xDA_3A6E) {
            #expect(Self.outcomes(bytes) == (false, false, false), "the whole row reads")
            for length in 0..<bytes.count {
                let o = Self.outcomes(Array(bytes[..<length]))
                #expect(o == (true, true, true), "cut to \(length) of \(bytes.count) bytes")
                cuts += 1
            }
        }
        #expect(cuts > 5_000)
    }

    @Test func bytesAfterTheLastFieldAreReportedAsDamage() throws {
        for bytes in try Self.randomRecords(40, seed: 0x7A_11) {
            for tail in [[0], [1, 2, 3], bytes] as [[UInt8]] {
                let damaged = bytes + tail
                #expect(throws: StoreError.corrupt("trailing bytes after a record's registers")) { try RegisterBlob.decode(damaged, device: Self.device) }
                #expect(throws: StoreError.corrupt("trailing bytes after a record's registers")) { try RegisterBlob.entries(damaged) }
                #expect(throws: StoreError.corrupt("trailing bytes after a record's registers")) { try Self.splice(damaged) }
            }
        }
    }

    @Test func hostileCountsAndNamesAreErrorsNotAllocations() {
        let hostile: [[UInt8]] = [
            [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],            // a field count of 2^64 - 1
            [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],      // a varint of 11 bytes
            [1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x61],                                 // a name longer than the row
            [1, 2, 0xC3, 0x28, 0],                                                   // a name that is not UTF-8
            [1, 1, 0x61, 0xFF, 0xFF, 0xFF, 0x7F],                                    // a value count past the row
            [1, 1, 0x61, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xFF, 0xFF, 0x03],         // a value longer than the row
            [1, 1, 0x61, 1, 1, 1, 0, 0, 0],                                          // a clock cut short
        ]
        for bytes in hostile {
            #expect(Self.outcomes(bytes) == (true, true, true), "\(bytes)")
        }
    }

    @Test func aValueOfAnUnknownDeviceFailsToDecode() throws {
        let a = Register(values: [RegisterValue(dot: Dot(device: Spliced.devices[0], seq: 1), hlc: HLC(raw: 5), value: .text("A"))])
        // Device index 9 is unknown to this database.
        let unknownDevice = RegisterBlob.encode([("name", [RegisterBlob.Entry(dev: 9, seq: 1, hlc: 5, value: Value.text("A").encodedBytes)])])
        #expect(throws: (any Error).self) { try RegisterBlob.decode(unknownDevice, device: Self.device) }
        // Entries and the splice copy value bytes as they are: the layout itself is whole.
        #expect(try RegisterBlob.entries(unknownDevice).map(\.name) == ["name"])
        #expect(try Self.splice(unknownDevice, ["name": a]) == (try RegisterBlob.encode(["name": a], index: Spliced.index)))
    }

    @Test func flippedBytesNeverCrashAndTheReadersAgreeOnTheLayout() throws {
        var rng = SeededGenerator(seed: 0xF11B)
        var failed = 0, read = 0
        for bytes in try Self.randomRecords(200, seed: 0xF11B_0002) {
            for _ in 0..<20 {
                var damaged = bytes
                damaged[Int.random(in: 0..<damaged.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                let o = Self.outcomes(damaged)
                // Decoding checks more than the layout (devices, value kinds); the others read the layout alone.
                if o.entries { #expect(o.decode, "entries refused it, so must decode") }
                if !o.entries, let fields = try? RegisterBlob.entries(damaged) {
                    let ordered = zip(fields, fields.dropFirst()).allSatisfy { $0.name < $1.name }
                    if ordered { #expect(!o.splice, "an ordered whole layout splices") }
                }
                if o.entries { failed += 1 } else { read += 1 }
            }
        }
        #expect(failed > 100 && read > 100)
    }

    @Test func anEditOfADamagedRecordStoresNothing() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let store = try stores.make("a", device: 1)
        try store.commit(RecordOps.put("contact", Fixtures.record(1), [("name", .text("Ada")), ("notes", .text("first"))]))
        let id = Fixtures.record(1)
        let stored = try store.read { db in
            try #require(try Data.fetchOne(db, sql: "SELECT data FROM recordRegisters WHERE record = ? AND entity = 'contact'", arguments: [id]))
        }
        for damaged in [stored.dropLast(3), stored + Data([0])] as [Data] {
            try store.writer.write { db in
                try db.execute(sql: "UPDATE recordRegisters SET data = ? WHERE record = ? AND entity = 'contact'", arguments: [Data(damaged), id])
            }
            let changesBefore = try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM change") }
            #expect(throws: (any Error).self) {
                try store.commit(RecordOps.put("contact", Fixtures.record(1), [("notes", .text("second"))]))
            }
            let after = try store.read { db in
                (try Int.fetchOne(db, sql: "SELECT count(*) FROM change"),
                 try Data.fetchOne(db, sql: "SELECT data FROM recordRegisters WHERE record = ? AND entity = 'contact'", arguments: [id]),
                 try String.fetchOne(db, sql: "SELECT notes FROM contact WHERE id = ?", arguments: [id]))
            }
            #expect(after.0 == changesBefore, "no Change logged")
            #expect(after.1 == Data(damaged), "the row is left as it was")
            #expect(after.2 == "first")
        }
    }
}
