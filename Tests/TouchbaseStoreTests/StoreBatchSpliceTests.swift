import Foundation
import GRDB
import Testing
import TouchbaseCore
@testable import TouchbaseStore
import TouchbaseTestSupport

/// A batch of Changes reads its records' register rows a few hundred per query and keeps their
/// stored bytes, so writing them back copies the fields the batch did not write and encodes only
/// the others (``RegisterBlob/splice(_:changed:registers:into:scratch:index:)``), as a single edit
/// does: the rows are the full encoding, and what the batch did not write is copied as stored.
@Suite struct StoreBatchSpliceTests {
    static func contact(_ n: UInt64, _ fields: [(String, Value)]) -> [Op] {
        RecordOps.put("contact", Fixtures.record(n), fields)
    }

    /// Store `a` with 40 contacts of 5 fields, and `b` holding them too.
    static func pair(_ stores: TempStores) throws -> (a: Store, b: Store) {
        let a = try stores.make("a", device: 1)
        let b = try stores.make("b", device: 2)
        var ops: [Op] = []
        for n in 1...40 as ClosedRange<UInt64> {
            ops += contact(n, [("name", .text("Person \(n)")), ("organization", .text("Org \(n % 3)")), ("role", .text("Role")),
                               ("notes", .text("first notes of \(n)")), ("stage", .text("want"))])
        }
        try a.commit(ops)
        _ = try b.apply(try a.changes(of: Fixtures.device(1), after: 0))
        return (a, b)
    }

    /// The registers row of contact `n`.
    static func row(_ store: Store, _ n: UInt64) throws -> [UInt8] {
        let data = try store.read { db in
            try Data.fetchOne(db, sql: "SELECT data FROM recordRegisters WHERE record = ? AND entity = 'contact'", arguments: [Fixtures.record(n)])
        }
        return [UInt8](try #require(data))
    }

    @Test func aBatchsRowsAreTheirFullEncoding() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let (a, b) = try Self.pair(stores)
        // Concurrent edits: some registers end with two values; fields added and put back to null.
        for n in stride(from: 1, through: 40, by: 3) as StrideThrough<UInt64> {
            try b.commit(Self.contact(n, [("notes", .text("b's notes \(n)"))]))
            try b.commit(Self.contact(n, [("phones", .texts(["+1 555 01\(n)"]))]))
            try a.commit(Self.contact(n, [("notes", .text("a's notes \(n)"))]))
        }
        for n in stride(from: 2, through: 40, by: 5) as StrideThrough<UInt64> { try b.commit(Self.contact(n, [("role", .null)])) }
        _ = try a.apply(try b.changes(of: Fixtures.device(2), after: 0))
        try StoreOracle.expectRegisterRowsAreFullEncodings(a)
        try StoreOracle.expectLogAndRegistersAgree(a)
    }

    /// Contact `n`'s row written again with the sequence numbers of `field` as two-byte varints
    /// (`0x80 | s, 0x00`: the same number, not the encoder's bytes).
    static func plantLongSeqs(_ store: Store, _ n: UInt64, field: String) throws -> [UInt8] {
        var w = ByteWriter()
        let entries = try RegisterBlob.entries(try row(store, n))
        w.varint(UInt64(entries.count))
        for (name, values) in entries {
            w.string(name)
            w.varint(UInt64(values.count))
            for v in values {
                w.varint(UInt64(bitPattern: v.dev))
                if name == field {
                    try #require(v.seq < 128)
                    w.byte(0x80 | UInt8(v.seq))
                    w.byte(0)
                } else {
                    w.varint(v.seq)
                }
                w.uint64BE(v.hlc)
                w.varint(UInt64(v.value.count))
                w.raw(v.value)
            }
        }
        try store.writer.write { db in
            try db.execute(sql: "UPDATE recordRegisters SET data = ? WHERE record = ? AND entity = 'contact'",
                           arguments: [Data(w.bytes), Fixtures.record(n)])
        }
        return w.bytes
    }

    @Test func fieldsABatchDidNotWriteAreCopiedAsStored() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let (a, b) = try Self.pair(stores)
        let planted = try Self.plantLongSeqs(a, 7, field: "notes")
        // A batch over several records (read together), one of them contact 7, whose stage it writes.
        for n in 5...9 as ClosedRange<UInt64> { try b.commit(Self.contact(n, [("stage", .text("active"))])) }
        _ = try a.apply(try b.changes(of: Fixtures.device(2), after: 0))
        let after = try Self.row(a, 7)
        // The notes entry as planted (its two-byte sequence numbers included) is in the new row
        // byte for byte; a full encoding would write them in one byte.
        var notes: Range<Int>?
        _ = try RegisterBlob.walk(planted, value: { _, _, _, _ in }, fieldEnd: { name, entry in
            if name == "notes" { notes = entry }
            return true
        })
        let plantedNotes = Array(planted[try #require(notes)])
        #expect(after.firstRange(of: plantedNotes) != nil, "notes copied as stored, not encoded again")
        // And the stage was written: the row reads as the writer's registers.
        let stage = try #require(try RegisterBlob.entries(after).first { $0.name == "stage" })
        #expect(stage.values.count == 1 && stage.values[0].value == Value.text("active").encodedBytes)
        try StoreOracle.expectLogAndRegistersAgree(a)
    }
}
