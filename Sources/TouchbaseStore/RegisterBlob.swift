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
        scratch.removeAll()
        v.value.encode(into: &scratch)
        append(v, deviceIndex: deviceIndex, valueBytes: scratch.bytes, to: &w)
    }

    /// Appends one register value in stored form when its ``Value/encodedBytes`` are known already
    /// (`valueBytes` must be exactly them): a snapshot's loader copies the bytes it read.
    @inline(__always)
    static func append<Bytes: Collection<UInt8>>(_ v: RegisterValue, deviceIndex: Int64, valueBytes: Bytes,
                                                  to w: inout ByteWriter) {
        w.varint(UInt64(bitPattern: deviceIndex))
        w.varint(v.dot.seq)
        w.uint64BE(v.hlc.raw)
        w.varint(UInt64(valueBytes.count))
        w.raw(valueBytes)
    }

    /// Walks a stored encoding once, the one reader of this layout: `fields` gets the field
    /// count, `field` each field's name and value count, `value` each of its values (device index,
    /// sequence number, clock, and the range of its ``Value/encodedBytes`` in `bytes`), and
    /// `fieldEnd` the field's name and the byte range of its whole entry, returning `false` to stop.
    ///
    /// - Returns: `false` when `fieldEnd` stopped the walk (the rest is not read), `true` when
    ///   every field was read.
    /// - Throws: when the bytes end early, a count exceeds what is left, a name is not UTF-8, or
    ///   bytes follow the last field (``StoreError/corrupt(_:)``); or what a callback throws.
    @inline(__always)
    static func walk(_ bytes: [UInt8],
                     fields: (_ count: Int) throws -> Void = { _ in },
                     field: (_ name: String, _ values: Int) throws -> Void = { _, _ in },
                     value: (_ dev: Int64, _ seq: UInt64, _ hlc: UInt64, _ bytes: Range<Int>) throws -> Void,
                     fieldEnd: (_ name: String, _ entry: Range<Int>) throws -> Bool) throws -> Bool {
        var r = ByteReader(bytes)
        let fieldCount = try r.count(limit: r.remaining)
        try fields(fieldCount)
        for _ in 0..<fieldCount {
            let start = r.offset
            let name = try r.string()
            let count = try r.count(limit: r.remaining / 11)
            try field(name, count)
            for _ in 0..<count {
                let dev = Int64(bitPattern: try r.varint())
                let seq = try r.varint()
                let hlc = try r.uint64BE()
                let length = try r.count(limit: r.remaining)
                let at = r.offset
                _ = try r.raw(length)
                try value(dev, seq, hlc, at..<(at + length))
            }
            guard try fieldEnd(name, start..<r.offset) else { return false }
        }
        guard r.isAtEnd else { throw StoreError.corrupt("trailing bytes after a record's registers") }
        return true
    }

    /// Reads the entries of ``encode(_:)-(_:)``, field by field, in stored order.
    static func entries(_ bytes: [UInt8]) throws -> [(name: String, values: [Entry])] {
        var out: [(name: String, values: [Entry])] = []
        var values: [Entry] = []
        _ = try walk(bytes, fields: { out.reserveCapacity($0) }, field: { _, count in
            values = []
            values.reserveCapacity(count)
        }, value: { dev, seq, hlc, range in
            values.append(Entry(dev: dev, seq: seq, hlc: hlc, value: Array(bytes[range])))
        }, fieldEnd: { name, _ in
            out.append((name, values))
            return true
        })
        return out
    }

    /// Reads a record's registers; `device` maps a local index back to its device. Each value is
    /// read where it sits in `bytes`.
    ///
    /// With `wanted`, only the fields it says yes to are read; the others are walked over without
    /// decoding their values (a reader that needs two fields of a record does not build the rest),
    /// and every field's bytes are still checked.
    static func decode(_ bytes: [UInt8], only wanted: ((String) -> Bool)? = nil,
                       device: (Int64) throws -> DeviceID) throws -> [String: Register] {
        var out: [String: Register] = [:]
        var values: [RegisterValue] = []
        var keep = true
        _ = try walk(bytes, fields: { if wanted == nil { out.reserveCapacity($0) } }, field: { name, count in
            keep = wanted?(name) ?? true
            values = []
            if keep { values.reserveCapacity(count) }
        }, value: { dev, seq, hlc, range in
            guard keep else { return }
            values.append(RegisterValue(dot: Dot(device: try device(dev), seq: seq), hlc: HLC(raw: hlc),
                                        value: try Value(encodedBytes: bytes, in: range)))
        }, fieldEnd: { name, _ in
            if keep { out[name] = Register(values: values) }
            return true
        })
        return out
    }

    /// Appends to `w` the encoding of `registers` (as ``encode(_:into:scratch:index:)``) when
    /// `stored` is the encoding of the same record before the fields in `changed` were written:
    /// the other fields' entries are copied from `stored` as they are, and only the changed
    /// fields are encoded (a changed field without a value is left out). A one-field edit of a
    /// record thus encodes one field, not all of them.
    ///
    /// The result is the bytes a full encoding gives, field names being compared as the encoder
    /// orders them; a stored encoding whose names are out of order falls back to encoding every field.
    static func splice(_ stored: [UInt8], changed: Set<String>, registers: [String: Register],
                       into w: inout ByteWriter, scratch: inout ByteWriter, index: (DeviceID) throws -> Int64) throws {
        // The stored fields: name and the byte range of the whole entry.
        var kept: [(name: String, range: Range<Int>)] = []
        var previous: String?
        let inOrder = try walk(stored, fields: { kept.reserveCapacity($0) }, value: { _, _, _, _ in }, fieldEnd: { name, entry in
            if let previous, !(previous < name) { return false }
            previous = name
            if !changed.contains(name) { kept.append((name, entry)) }
            return true
        })
        guard inOrder else { return try encode(registers, into: &w, scratch: &scratch, index: index) }
        let written = changed.sorted().compactMap { name in registers[name].flatMap { $0.isEmpty ? nil : (name, $0) } }
        w.varint(UInt64(kept.count + written.count))
        var k = 0
        func put(_ name: String, _ register: Register) throws {
            w.string(name)
            w.varint(UInt64(register.values.count))
            for v in register.values { append(v, deviceIndex: try index(v.dot.device), to: &w, scratch: &scratch) }
        }
        for (name, register) in written {
            while k < kept.count, kept[k].name < name {
                w.raw(stored[kept[k].range])
                k += 1
            }
            try put(name, register)
        }
        while k < kept.count {
            w.raw(stored[kept[k].range])
            k += 1
        }
    }
}
