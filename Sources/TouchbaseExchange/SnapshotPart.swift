import TouchbaseCore

/// One part file of a snapshot (Protocol/SPEC.md §7.6, kind 5): a run of records with their
/// registers, status and the causal pasts the merge rules need. Parts are self-contained (their own
/// string and device tables), so a reader decodes and applies one at a time.
public struct SnapshotPart: Hashable, Sendable {
    /// Writers close a part once its encoding passes this many bytes (decoded).
    public static let targetBytes = 4 << 20
    /// The largest decoded part payload a reader accepts.
    public static let maxPayload: UInt64 = 64 << 20

    /// The records, in the writer's order (ascending by id, then entity).
    public var records: [SnapshotRecord]

    /// Creates a part.
    public init(records: [SnapshotRecord]) { self.records = records }

    /// The canonical encoding: tables in order of first appearance (for each record its entity,
    /// its conflicts' fields and kinds, then per field its name and per value its device and the
    /// devices of its past in ascending order), then the records.
    public var payload: [UInt8] {
        var strings: [String: Int] = [:], stringList: [String] = []
        var devices: [DeviceID: Int] = [:], deviceList: [DeviceID] = []
        func s(_ v: String) -> Int {
            if let i = strings[v] { return i }
            strings[v] = stringList.count
            stringList.append(v)
            return stringList.count - 1
        }
        func d(_ v: DeviceID) -> Int {
            if let i = devices[v] { return i }
            devices[v] = deviceList.count
            deviceList.append(v)
            return deviceList.count - 1
        }
        var body = ByteWriter(capacity: 1 << 16)
        body.varint(UInt64(records.count))
        for r in records {
            body.varint(UInt64(s(r.entity)))
            body.raw(r.id.raw.bytes)
            body.byte((r.hidden ? 1 : 0) | (r.survivor != nil ? 2 : 0))
            if let survivor = r.survivor { body.raw(survivor.raw.bytes) }
            body.varint(UInt64(r.conflicts.count))
            for c in r.conflicts {
                body.varint(UInt64(s(c.field)))
                body.varint(UInt64(s(c.kind)))
            }
            body.varint(UInt64(r.fields.count))
            for f in r.fields {
                body.varint(UInt64(s(f.name)))
                body.varint(UInt64(f.values.count))
                for v in f.values {
                    body.varint(UInt64(d(v.dot.device)))
                    body.varint(v.dot.seq)
                    body.varint(v.hlc.raw)
                    let bytes = v.value.encodedBytes
                    body.varint(UInt64(bytes.count))
                    body.raw(bytes)
                    if let past = r.pasts[v.dot] {
                        body.byte(1)
                        let entries = past.sorted
                        body.varint(UInt64(entries.count))
                        for e in entries {
                            body.varint(UInt64(d(e.device)))
                            body.varint(e.seq)
                        }
                    } else {
                        body.byte(0)
                    }
                }
            }
        }
        var w = ByteWriter(capacity: body.bytes.count + stringList.count * 12 + deviceList.count * 16 + 16)
        w.varint(UInt64(stringList.count))
        for v in stringList { w.string(v) }
        w.varint(UInt64(deviceList.count))
        for v in deviceList { w.raw(v.raw.bytes) }
        w.raw(body.bytes)
        return w.bytes
    }

    /// Decodes a part payload.
    ///
    /// - throws: ``ExchangeError/Code/malformedPayload`` for anything that does not decode.
    public static func decode(_ payload: [UInt8]) throws -> SnapshotPart {
        try decodingPayload {
            var r = ByteReader(payload)
            let nStrings = try r.count(limit: r.remaining)
            var strings: [String] = []
            strings.reserveCapacity(nStrings)
            for _ in 0..<nStrings { strings.append(try r.string()) }
            let nDevices = try r.count(limit: r.remaining / 16)
            var devices: [DeviceID] = []
            devices.reserveCapacity(nDevices)
            for _ in 0..<nDevices { devices.append(DeviceID(try r.id128())) }
            func string() throws -> String {
                let at = r.offset
                let i = try r.varint()
                guard i < UInt64(strings.count) else { throw CodecError.malformed("string index \(i) out of range", at: at) }
                return strings[Int(i)]
            }
            func device() throws -> DeviceID {
                let at = r.offset
                let i = try r.varint()
                guard i < UInt64(devices.count) else { throw CodecError.malformed("device index \(i) out of range", at: at) }
                return devices[Int(i)]
            }
            func seq() throws -> UInt64 {
                let at = r.offset
                let v = try r.varint()
                guard v >= 1 else { throw CodecError.malformed("sequence number 0", at: at) }
                return v
            }
            let nRecords = try r.count(limit: r.remaining / 20)
            var records: [SnapshotRecord] = []
            records.reserveCapacity(nRecords)
            for _ in 0..<nRecords {
                let entity = try string()
                let id = RecordID(try r.id128())
                let statusAt = r.offset
                let status = try r.byte()
                guard status & ~3 == 0 else { throw CodecError.malformed("record status \(status)", at: statusAt) }
                let survivor = status & 2 != 0 ? RecordID(try r.id128()) : nil
                let nConflicts = try r.count(limit: r.remaining / 2)
                var conflicts: [SnapshotRecord.OpenConflict] = []
                for _ in 0..<nConflicts { conflicts.append(SnapshotRecord.OpenConflict(field: try string(), kind: try string())) }
                let nFields = try r.count(limit: r.remaining / 2)
                var fields: [SnapshotRecord.Field] = []
                fields.reserveCapacity(nFields)
                var pasts: [Dot: VersionVector] = [:]
                for _ in 0..<nFields {
                    let name = try string()
                    let nValues = try r.count(limit: r.remaining / 6)
                    guard nValues >= 1 else { throw CodecError.malformed("a field without values", at: r.offset) }
                    var values: [RegisterValue] = []
                    values.reserveCapacity(nValues)
                    // A field of one value keeps that value's bytes when they are its encoding.
                    var encoded: ArraySlice<UInt8>?
                    for _ in 0..<nValues {
                        let dot = Dot(device: try device(), seq: try seq())
                        let hlc = HLC(raw: try r.varint())
                        let length = try r.count(limit: r.remaining)
                        let start = r.offset
                        let bytes = try r.raw(length)
                        let value = try Value(encodedBytes: payload, in: start..<(start + length))
                        values.append(RegisterValue(dot: dot, hlc: hlc, value: value))
                        if nValues == 1, value.encodedByteCount == length { encoded = bytes }
                        let flagAt = r.offset
                        switch try r.byte() {
                        case 0: break
                        case 1:
                            let n = try r.count(limit: r.remaining / 2)
                            var past = VersionVector()
                            var previous: DeviceID?
                            for _ in 0..<n {
                                let at = r.offset
                                let d = try device()
                                if let previous, !(previous < d) { throw CodecError.malformed("causal past not in ascending order", at: at) }
                                past[d] = try seq()
                                previous = d
                            }
                            pasts[dot] = past
                        default:
                            throw CodecError.malformed("causal past flag", at: flagAt)
                        }
                    }
                    if let encoded {
                        fields.append(SnapshotRecord.Field(name: name, value: values[0], encoded: encoded))
                    } else {
                        fields.append(SnapshotRecord.Field(name: name, values: values))
                    }
                }
                records.append(SnapshotRecord(entity: entity, id: id, hidden: status & 1 != 0, survivor: survivor,
                                              conflicts: conflicts, fields: fields, pasts: pasts))
            }
            guard r.isAtEnd else { throw CodecError.malformed("\(r.remaining) bytes after the last record", at: r.offset) }
            return SnapshotPart(records: records)
        }
    }
}

extension ByteReader {
    /// 16 big-endian bytes as an id, read in two loads (a part holds one per record).
    fileprivate mutating func id128() throws -> ID128 {
        try raw(16).withUnsafeBytes { p in
            ID128(high: UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                  low: UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
    }
}

extension Value {
    /// The length of ``Value/encodedBytes``, counted without encoding.
    ///
    /// A snapshot reader compares it with the length of the bytes a value was decoded from: the
    /// decoder accepts varints longer than needed, and such bytes are longer than the value's own
    /// encoding, so equal lengths mean the bytes read are exactly ``Value/encodedBytes``.
    var encodedByteCount: Int {
        switch self {
        case .null, .bool: return 1
        case .int(let i): return 1 + Self.varintLength(UInt64(bitPattern: (i << 1) ^ (i >> 63)))
        case .text(let s):
            let n = s.utf8.count
            return 1 + Self.varintLength(UInt64(n)) + n
        case .date(let d): return 1 + Self.varintLength(UInt64(d.year ?? 0)) + 2
        case .ref: return 17
        case .refs(let ids): return 1 + Self.varintLength(UInt64(ids.count)) + 16 * ids.count
        case .texts(let list):
            var n = 1 + Self.varintLength(UInt64(list.count))
            for s in list {
                let c = s.utf8.count
                n += Self.varintLength(UInt64(c)) + c
            }
            return n
        case .unknown(_, let bytes): return 1 + Self.varintLength(UInt64(bytes.count)) + bytes.count
        }
    }

    /// The bytes of `v` as an unsigned LEB128 varint.
    static func varintLength(_ v: UInt64) -> Int {
        v == 0 ? 1 : (64 - v.leadingZeroBitCount + 6) / 7
    }
}
