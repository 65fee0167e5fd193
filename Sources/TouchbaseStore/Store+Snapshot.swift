import Foundation
import GRDB
import TouchbaseCore

extension Store {
    /// Streams the whole replicated state for a snapshot (Protocol/SPEC.md §7.6), in one read
    /// transaction so the records and the covered vector agree: every register with all its
    /// values, each record's status and open conflicts, and the causal pasts the merge rules need.
    ///
    /// Records come in runs of about `partBytes` encoded bytes, ascending by id then entity, and
    /// are handed to `emit` one run at a time, so memory holds one run.
    ///
    /// `start` is called first, with what the snapshot will cover (so parts can be named before
    /// the records come).
    ///
    /// - returns: the covered vector, the clock and the head digests.
    public func dumpSnapshot(partBytes: Int, start: (SnapshotInfo) throws -> Void = { _ in },
                             _ emit: ([SnapshotRecord]) throws -> Void) throws -> SnapshotInfo {
        try writer.read { db in
            let session = try WriteSession(db)
            var heads: [DeviceID: [UInt8]] = [:]
            for (d, s) in session.version.sorted {
                heads[d] = try Store.digest(of: Dot(device: d, seq: s), in: session) ?? Store.snapshotDigest(of: Dot(device: d, seq: s), db)
                    ?? ChangeCodec.unknownDigest
            }
            let clock = try WriteSession.clock(of: WriteSession.localDevice(db), db)
            let info = SnapshotInfo(covers: session.version, clock: clock, heads: heads)
            try start(info)
            var conflicts: [RecordKey: [SnapshotRecord.OpenConflict]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT record, entity, field, kind FROM conflict ORDER BY record, entity, field, kind") {
                guard let id = ColumnCoding.recordID(row["record"]) else { continue }
                conflicts[RecordKey(entity: row["entity"], record: id), default: []]
                    .append(SnapshotRecord.OpenConflict(field: row["field"], kind: row["kind"]))
            }
            var run: [SnapshotRecord] = []
            var runBytes = 0
            func add(_ record: SnapshotRecord) throws {
                var record = record
                let key = RecordKey(entity: record.entity, record: record.id)
                record.conflicts = conflicts[key] ?? []
                if let schema = Schema.entity(record.entity) {
                    let table = StoreMigrations.quoted(schema.name)
                    let hasSurvivor = schema.type(of: Merger.mergedIntoField) != nil
                    if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT deleted\(hasSurvivor ? ", survivor" : "") FROM \(table) WHERE id = ?"),
                                                  arguments: [record.id]) {
                        record.hidden = (row["deleted"] as Int64?) ?? 0 != 0
                        if hasSurvivor { record.survivor = ColumnCoding.recordID(row["survivor"]) }
                    }
                }
                for f in record.fields {
                    for v in f.values where SnapshotRecord.needsPast(field: f.name, value: v.value) && record.pasts[v.dot] == nil {
                        let s = session
                        if let past = try s.causalPast(of: v.dot) { record.pasts[v.dot] = past }
                    }
                }
                run.append(record)
                if runBytes >= partBytes {
                    try emit(run)
                    run = []
                    runBytes = 0
                }
            }

            let cursor = try Row.fetchCursor(db, sql: "SELECT record, entity, data FROM recordRegisters ORDER BY record, entity")
            while let row = try cursor.next() {
                guard let id = ColumnCoding.recordID(row[0]) else { throw StoreError.corrupt("bad record id in a register") }
                let entity: String = row[1]
                var record = SnapshotRecord(entity: entity, id: id, fields: [])
                runBytes += 24 + entity.utf8.count
                for field in try RegisterBlob.entries([UInt8](row[2] as Data)) where !field.values.isEmpty {
                    runBytes += 2 + field.name.utf8.count
                    let values = try field.values.map { e in
                        runBytes += 12 + e.value.count
                        return RegisterValue(dot: Dot(device: try session.device(at: e.dev), seq: e.seq), hlc: HLC(raw: e.hlc),
                                             value: try Value(encodedBytes: e.value))
                    }
                    record.fields.append(SnapshotRecord.Field(name: field.name, values: Register(values: values).values))
                }
                try add(record)
            }
            if !run.isEmpty { try emit(run) }
            return info
        }
    }

    /// The encoded bytes of this device's own Changes after `seq` in the log (what its change
    /// files since then hold, before compression).
    public func ownChangeBytes(after seq: UInt64) throws -> Int64 {
        try writer.read { db in
            let session = try WriteSession(db)
            guard let hex = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'device'"), let me = DeviceID(hex: hex),
                  let idx = session.indexOf[me] else { return 0 }
            return try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(LENGTH(data)), 0) FROM change WHERE dev = ? AND seq > ?",
                                      arguments: [idx, Int64(clamping: seq)]) ?? 0
        }
    }

    /// The digest of a Change a snapshot covered, kept when this database was seeded from it.
    static func snapshotDigest(of dot: Dot, _ db: Database) throws -> [UInt8]? {
        guard let seq = Int64(exactly: dot.seq) else { return nil }
        return try Data.fetchOne(db.cachedStatement(sql: "SELECT digest FROM snapshotDot WHERE device = ? AND seq = ? AND digest IS NOT NULL"),
                                 arguments: [dot.device, seq]).map { [UInt8]($0) }
    }

    /// The causal past of a Change a snapshot covered, kept when this database was seeded from it.
    static func snapshotPast(of dot: Dot, _ db: Database) throws -> VersionVector? {
        guard let seq = Int64(exactly: dot.seq),
              let data = try Data.fetchOne(db.cachedStatement(sql: "SELECT past FROM snapshotDot WHERE device = ? AND seq = ? AND past IS NOT NULL"),
                                           arguments: [dot.device, seq]) else { return nil }
        return try SnapshotDots.decodePast([UInt8](data))
    }

    /// The digest of the applied Change at `dot`, from the log or from the snapshot this database
    /// was seeded from; nil when neither holds it.
    public func appliedDigest(_ dot: Dot) throws -> [UInt8]? {
        try writer.read { db in
            if let data = try encodedChangeData(dot, db) { return SHA256Digest.hash(data) }
            return try Store.snapshotDigest(of: dot, db)
        }
    }

    private func encodedChangeData(_ dot: Dot, _ db: Database) throws -> [UInt8]? {
        guard let seq = Int64(exactly: dot.seq) else { return nil }
        return try Data.fetchOne(db, sql: "SELECT c.data FROM change c JOIN device d ON d.idx = c.dev WHERE d.id = ? AND c.seq = ?",
                                 arguments: [dot.device, seq]).map { [UInt8]($0) }
    }
}

/// The local encoding of the causal pasts a snapshot carried (never on the wire).
enum SnapshotDots {
    static func encodePast(_ v: VersionVector) -> [UInt8] {
        var w = ByteWriter(capacity: 4 + v.entries.count * 20)
        w.varint(UInt64(v.entries.count))
        for (d, s) in v.sorted {
            w.raw(d.raw.bytes)
            w.varint(s)
        }
        return w.bytes
    }

    static func decodePast(_ bytes: [UInt8]) throws -> VersionVector {
        var r = ByteReader(bytes)
        var v = VersionVector()
        for _ in 0..<(try r.count(limit: r.remaining / 17)) {
            v[DeviceID(ID128(bytes: try r.raw(16))!)] = try r.varint()
        }
        return v
    }
}
