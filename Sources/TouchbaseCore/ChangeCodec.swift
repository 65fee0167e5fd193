/// The binary encoding of a batch of Changes (Protocol/SPEC.md, "Change batch").
///
/// A batch lists the entity and field names, the device ids and the record ids it uses once each,
/// then refers to them by index; sequence numbers, clock stamps and version vectors are written as
/// differences from the previous Change in the batch. The same encoding stores the local change log
/// and fills the payload of change files and snapshots.
///
/// ```swift
/// let bytes = ChangeCodec.encode(changes)
/// let again = try ChangeCodec.decode(bytes)   // == changes
/// ```
public enum ChangeCodec {
    /// The encoding version written in the first byte.
    public static let version: UInt8 = 1

    /// Value tags. Tags `0x40` and above carry a varint length, so a reader can keep kinds it does
    /// not know; `0x09`–`0x3F` are reserved.
    enum Tag {
        static let null: UInt8 = 0x00, falseValue: UInt8 = 0x01, trueValue: UInt8 = 0x02
        static let int: UInt8 = 0x03, text: UInt8 = 0x04, date: UInt8 = 0x05, ref: UInt8 = 0x06
        static let texts: UInt8 = 0x07, refs: UInt8 = 0x08, firstSized: UInt8 = 0x40
    }

    /// Encodes Changes in the given order.
    public static func encode(_ changes: [Change]) -> [UInt8] {
        var tables = Tables()
        for c in changes { tables.collect(c) }
        var w = ByteWriter(capacity: 64 + changes.count * 32)
        w.byte(version)
        w.varint(UInt64(tables.strings.count))
        for s in tables.strings { w.string(s) }
        w.varint(UInt64(tables.devices.count))
        for d in tables.devices { w.raw(d.raw.bytes) }
        w.varint(UInt64(tables.records.count))
        for r in tables.records { w.raw(r.raw.bytes) }
        w.varint(UInt64(changes.count))
        var prevSeq: UInt64 = 0, prevHLC: UInt64 = 0
        var prevDeps = VersionVector()
        for c in changes {
            w.varint(UInt64(tables.deviceIndex[c.device]!))
            w.zigzag(Int64(bitPattern: c.seq &- prevSeq))
            w.zigzag(Int64(bitPattern: c.hlc.raw &- prevHLC))
            let changed = Set(c.deps.entries.keys).union(prevDeps.entries.keys)
                .filter { c.deps[$0] != prevDeps[$0] }
                .sorted()
            w.varint(UInt64(changed.count))
            for d in changed {
                w.varint(UInt64(tables.deviceIndex[d]!))
                w.zigzag(Int64(bitPattern: c.deps[d] &- prevDeps[d]))
            }
            w.varint(UInt64(c.ops.count))
            for op in c.ops {
                w.varint(UInt64(tables.stringIndex[op.entity]!))
                w.varint(UInt64(tables.recordIndex[op.record]!))
                w.varint(UInt64(tables.stringIndex[op.field]!))
                encode(op.value, into: &w, tables: tables)
            }
            prevSeq = c.seq
            prevHLC = c.hlc.raw
            prevDeps = c.deps
        }
        return w.bytes
    }

    /// Decodes a batch; any structural fault throws ``CodecError`` (never traps).
    public static func decode(_ bytes: [UInt8]) throws -> [Change] {
        var r = ByteReader(bytes)
        let v = try r.byte()
        guard v == version else { throw CodecError.unsupportedVersion(v) }
        let strings = try (0..<r.count(limit: r.remaining)).map { _ in try r.string() }
        let devices = try (0..<r.count(limit: r.remaining / 16)).map { _ in DeviceID(ID128(bytes: try r.raw(16))!) }
        let records = try (0..<r.count(limit: r.remaining / 16)).map { _ in RecordID(ID128(bytes: try r.raw(16))!) }
        func pick<T>(_ table: [T], _ what: String) throws -> T {
            let at = r.offset
            let i = try r.varint()
            guard i < UInt64(table.count) else { throw CodecError.malformed("\(what) index \(i) out of range", at: at) }
            return table[Int(i)]
        }
        let n = try r.count(limit: r.remaining / 5)
        var changes: [Change] = []
        changes.reserveCapacity(n)
        var prevSeq: UInt64 = 0, prevHLC: UInt64 = 0
        var deps = VersionVector()
        for _ in 0..<n {
            let device = try pick(devices, "device")
            let seq = prevSeq &+ UInt64(bitPattern: try r.zigzag())
            let at = r.offset
            guard seq >= 1 else { throw CodecError.malformed("sequence number 0", at: at) }
            let hlc = prevHLC &+ UInt64(bitPattern: try r.zigzag())
            for _ in 0..<(try r.count(limit: r.remaining / 2)) {
                let d = try pick(devices, "device")
                deps[d] = deps[d] &+ UInt64(bitPattern: try r.zigzag())
            }
            var ops: [Op] = []
            let nOps = try r.count(limit: r.remaining / 4)
            ops.reserveCapacity(nOps)
            for _ in 0..<nOps {
                let entity = try pick(strings, "name")
                let record = try pick(records, "record")
                let field = try pick(strings, "name")
                ops.append(Op(entity: entity, record: record, field: field, value: try decodeValue(&r, records: records)))
            }
            changes.append(Change(device: device, seq: seq, hlc: HLC(raw: hlc), deps: deps, ops: ops))
            prevSeq = seq
            prevHLC = hlc
        }
        guard r.isAtEnd else { throw CodecError.malformed("\(r.remaining) bytes after the last change", at: r.offset) }
        return changes
    }

    // MARK: - Values

    static func encode(_ value: Value, into w: inout ByteWriter, tables: Tables) {
        switch value {
        case .null: w.byte(Tag.null)
        case .bool(let b): w.byte(b ? Tag.trueValue : Tag.falseValue)
        case .int(let i): w.byte(Tag.int); w.zigzag(i)
        case .text(let s): w.byte(Tag.text); w.string(s)
        case .date(let d):
            w.byte(Tag.date)
            w.varint(UInt64(d.year ?? 0))
            w.byte(UInt8(d.month))
            w.byte(UInt8(d.day))
        case .ref(let id): w.byte(Tag.ref); w.varint(UInt64(tables.recordIndex[id]!))
        case .texts(let list):
            w.byte(Tag.texts)
            w.varint(UInt64(list.count))
            for s in list { w.string(s) }
        case .refs(let list):
            w.byte(Tag.refs)
            w.varint(UInt64(list.count))
            for id in list { w.varint(UInt64(tables.recordIndex[id]!)) }
        case .unknown(let tag, let bytes):
            w.byte(tag)
            w.varint(UInt64(bytes.count))
            w.raw(bytes)
        }
    }

    static func decodeValue(_ r: inout ByteReader, records: [RecordID]) throws -> Value {
        let at = r.offset
        func record() throws -> RecordID {
            let i = try r.varint()
            guard i < UInt64(records.count) else { throw CodecError.malformed("record index \(i) out of range", at: at) }
            return records[Int(i)]
        }
        switch try r.byte() {
        case Tag.null: return .null
        case Tag.falseValue: return .bool(false)
        case Tag.trueValue: return .bool(true)
        case Tag.int: return .int(try r.zigzag())
        case Tag.text: return .text(try r.string())
        case Tag.date:
            let y = try r.varint(), m = try r.byte(), d = try r.byte()
            guard y <= 9999, let date = CalendarDate(year: y == 0 ? nil : Int(y), month: Int(m), day: Int(d)) else {
                throw CodecError.malformed("invalid date", at: at)
            }
            return .date(date)
        case Tag.ref: return .ref(try record())
        case Tag.texts: return .texts(try (0..<r.count(limit: r.remaining)).map { _ in try r.string() })
        case Tag.refs: return .refs(try (0..<r.count(limit: r.remaining)).map { _ in try record() })
        case let tag where tag >= Tag.firstSized:
            let n = try r.count(limit: r.remaining)
            return .unknown(tag: tag, bytes: Array(try r.raw(n)))
        case let tag:
            throw CodecError.malformed("reserved value tag \(tag)", at: at)
        }
    }

    // MARK: - Tables

    /// The names, devices and records of a batch, in order of first appearance.
    struct Tables {
        var strings: [String] = [], stringIndex: [String: Int] = [:]
        var devices: [DeviceID] = [], deviceIndex: [DeviceID: Int] = [:]
        var records: [RecordID] = [], recordIndex: [RecordID: Int] = [:]

        mutating func collect(_ c: Change) {
            add(device: c.device)
            for (d, _) in c.deps.sorted { add(device: d) }
            for op in c.ops {
                add(string: op.entity)
                add(record: op.record)
                add(string: op.field)
                switch op.value {
                case .ref(let id): add(record: id)
                case .refs(let ids): ids.forEach { add(record: $0) }
                default: break
                }
            }
        }

        mutating func add(string s: String) {
            if stringIndex[s] == nil { stringIndex[s] = strings.count; strings.append(s) }
        }
        mutating func add(device d: DeviceID) {
            if deviceIndex[d] == nil { deviceIndex[d] = devices.count; devices.append(d) }
        }
        mutating func add(record id: RecordID) {
            if recordIndex[id] == nil { recordIndex[id] = records.count; records.append(id) }
        }
    }
}
