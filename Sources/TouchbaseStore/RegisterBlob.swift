import Foundation
import TouchbaseCore

/// The byte form of every register of one record, as the `recordRegisters` table keeps it: one
/// row per record instead of one row per value, so a batch reads and writes each record's
/// registers once.
///
/// Layout (local to this database, never on the wire): a varint field count, then per field in
/// ascending name order its name (varint length, UTF-8), a varint value count, and per value
/// (ascending by dot) the device's local index (varint), the sequence number (varint), the clock
/// stamp (8 bytes big-endian) and the value's ``Value/encodedBytes`` (varint length, bytes).
enum RegisterBlob {
    /// One stored value, with its device as the database's local index.
    struct Entry {
        var dev: Int64
        var seq: UInt64
        var hlc: UInt64
        var value: [UInt8]
    }

    /// Encodes fields given with their values already in stored form; fields without a value are left out.
    static func encode(_ fields: [(name: String, values: [Entry])]) -> [UInt8] {
        let kept = fields.filter { !$0.values.isEmpty }.sorted { $0.name < $1.name }
        var w = ByteWriter(capacity: 64 * kept.count + 8)
        w.varint(UInt64(kept.count))
        for field in kept {
            w.string(field.name)
            w.varint(UInt64(field.values.count))
            for v in field.values {
                w.varint(UInt64(bitPattern: v.dev))
                w.varint(v.seq)
                w.uint64BE(v.hlc)
                w.varint(UInt64(v.value.count))
                w.raw(v.value)
            }
        }
        return w.bytes
    }

    /// Encodes a record's registers; `index` gives each device's local index.
    static func encode(_ registers: [String: Register], index: (DeviceID) throws -> Int64) throws -> [UInt8] {
        var w = ByteWriter(capacity: 64 * registers.count + 8)
        var scratch = ByteWriter(capacity: 64)
        try encode(registers, into: &w, scratch: &scratch, index: index)
        return w.bytes
    }

    /// Appends the encoding of ``encode(_:index:)`` to `w`, building each value's bytes in
    /// `scratch` (both reused by a caller that writes many records).
    static func encode(_ registers: [String: Register], into w: inout ByteWriter, scratch: inout ByteWriter,
                       index: (DeviceID) throws -> Int64) throws {
        var kept = 0
        for register in registers.values where !register.isEmpty { kept += 1 }
        w.varint(UInt64(kept))
        guard kept > 0 else { return }
        for (name, register) in registers.sorted(by: { $0.key < $1.key }) where !register.isEmpty {
            w.string(name)
            w.varint(UInt64(register.values.count))
            for v in register.values { append(v, deviceIndex: try index(v.dot.device), to: &w, scratch: &scratch) }
        }
    }

    /// Appends one register value in stored form: its author's device index, its sequence number,
    /// its clock and its length-prefixed value bytes (`scratch` is reused for the value).
    static func append(_ v: RegisterValue, deviceIndex: Int64, to w: inout ByteWriter, scratch: inout ByteWriter) {
        w.varint(UInt64(bitPattern: deviceIndex))
        w.varint(v.dot.seq)
        w.uint64BE(v.hlc.raw)
        scratch.removeAll()
        v.value.encode(into: &scratch)
        w.varint(UInt64(scratch.bytes.count))
        w.raw(scratch.bytes)
    }

    /// Reads the entries of ``encode(_:)-(_:)``, field by field, in stored order.
    static func entries(_ bytes: [UInt8]) throws -> [(name: String, values: [Entry])] {
        var r = ByteReader(bytes)
        var out: [(name: String, values: [Entry])] = []
        let fieldCount = try r.count(limit: r.remaining)
        out.reserveCapacity(fieldCount)
        for _ in 0..<fieldCount {
            let name = try r.string()
            let count = try r.count(limit: r.remaining / 11)
            var values: [Entry] = []
            values.reserveCapacity(count)
            for _ in 0..<count {
                let dev = Int64(bitPattern: try r.varint())
                let seq = try r.varint()
                let hlc = try r.uint64BE()
                let length = try r.count(limit: r.remaining)
                values.append(Entry(dev: dev, seq: seq, hlc: hlc, value: Array(try r.raw(length))))
            }
            out.append((name, values))
        }
        guard r.isAtEnd else { throw StoreError.corrupt("trailing bytes after a record's registers") }
        return out
    }

    /// Reads a record's registers; `device` maps a local index back to its device.
    static func decode(_ bytes: [UInt8], device: (Int64) throws -> DeviceID) throws -> [String: Register] {
        var out: [String: Register] = [:]
        for field in try entries(bytes) {
            out[field.name] = Register(values: try field.values.map { e in
                RegisterValue(dot: Dot(device: try device(e.dev), seq: e.seq), hlc: HLC(raw: e.hlc), value: try Value(encodedBytes: e.value))
            })
        }
        return out
    }
}
