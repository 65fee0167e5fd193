import Foundation
import GRDB
import TouchbaseCore

extension Store {
    /// Seeds an empty database from a snapshot (Protocol/SPEC.md §7.6): its registers, record
    /// statuses, open conflicts and kept causal pasts, then the covered vector, the head digests
    /// and the clock. One write transaction: killed half way, the database is as empty as before.
    ///
    /// `nextPart` is called until it returns nil; each call hands over one part's records, so
    /// memory holds one part.
    ///
    /// - throws: ``StoreError/Code/notEmpty`` when this database has applied or made any Change
    ///   (a snapshot seeds only an empty database); whatever `nextPart` throws (nothing is kept).
    public func loadSnapshot(_ info: SnapshotInfo, nextPart: () throws -> [SnapshotRecord]?) throws {
        try writeSession { session in
            let me = try DeviceID(hex: String.fetchOne(session.db, sql: "SELECT value FROM meta WHERE key = 'device'") ?? "")
            guard session.version.entries.values.allSatisfy({ $0 == 0 }),
                  try Int.fetchOne(session.db, sql: "SELECT count(*) FROM recordRegisters") == 0 else {
                throw StoreError(.notEmpty, detail: "the database already holds changes")
            }
            if let me, info.covers[me] > 0 {
                throw StoreError(.notEmpty, detail: "the snapshot covers this device's own changes")
            }
            var loader = SnapshotLoader(session: session)
            while let records = try nextPart() {
                for record in records { try loader.load(record) }
            }
            for (d, s) in info.covers.sorted {
                let idx = try loader.session.index(of: d)
                try session.db.execute(sql: "UPDATE device SET maxSeq = ? WHERE idx = ?", arguments: [Int64(clamping: s), idx])
                let digest = info.heads[d].flatMap { $0 == ChangeCodec.unknownDigest ? nil : Data($0) }
                try session.db.execute(sql: """
                    INSERT INTO snapshotDot (device, seq, digest) VALUES (?, ?, ?)
                    ON CONFLICT(device, seq) DO UPDATE SET digest = excluded.digest
                    """, arguments: [d, Int64(clamping: s), digest])
            }
            try session.observeClock(info.clock, wallMilliseconds: environment.now())
            try Store.setMetaValue("snapshotCovers", info.covers.description, session.db)
        }
    }

    /// What this database was seeded from: the covered vector's description, or nil.
    public func seededSnapshot() throws -> String? { try metaValue("snapshotCovers") }
}

/// Writes snapshot records into the tables: registers as they are, and per known entity one row
/// with every displayed value, the deleted status and the survivor.
struct SnapshotLoader {
    var session: WriteSession

    mutating func load(_ record: SnapshotRecord) throws {
        let db = session.db
        var displayed: [(String, Value)] = []
        var stored: [(name: String, values: [RegisterBlob.Entry])] = []
        for field in record.fields {
            var entries: [RegisterBlob.Entry] = []
            entries.reserveCapacity(field.values.count)
            for v in field.values {
                entries.append(RegisterBlob.Entry(dev: try session.index(of: v.dot.device), seq: v.dot.seq, hlc: v.hlc.raw, value: v.value.encodedBytes))
            }
            stored.append((field.name, entries))
            displayed.append((field.name, Register(values: field.values).value))
        }
        guard Set(stored.lazy.map(\.name)).count == stored.count else { throw StoreError.corrupt("a snapshot record holds a field twice") }
        if stored.contains(where: { !$0.values.isEmpty }) {
            try db.cachedStatement(sql: "INSERT INTO recordRegisters (record, entity, data) VALUES (?, ?, ?)")
                .execute(arguments: [record.id, record.entity, Data(RegisterBlob.encode(stored))])
        }
        let pastInsert = try db.cachedStatement(sql: """
            INSERT INTO snapshotDot (device, seq, past) VALUES (?, ?, ?) ON CONFLICT(device, seq) DO UPDATE SET past = excluded.past
            """)
        for (dot, past) in record.pasts {
            try pastInsert.execute(arguments: [dot.device, Int64(clamping: dot.seq), Data(SnapshotDots.encodePast(past))])
        }
        let conflictInsert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO conflict (record, entity, field, kind) VALUES (?, ?, ?, ?)")
        for c in record.conflicts {
            try conflictInsert.execute(arguments: [record.id, record.entity, c.field, c.kind])
        }
        guard let schema = Schema.entity(record.entity) else { return }
        var columns = ["id", "deleted"]
        var values: [DatabaseValueConvertible?] = [record.id, record.hidden ? 1 : 0]
        if schema.type(of: Merger.mergedIntoField) != nil {
            columns.append("survivor")
            values.append(record.survivor)
        }
        for (name, value) in displayed where name != Merger.deletedField {
            guard let type = schema.type(of: name) else { continue }
            columns.append(name)
            values.append(ColumnCoding.column(value, as: type))
        }
        let sql = "INSERT INTO \(StoreMigrations.quoted(schema.name)) (\(columns.map(StoreMigrations.quoted).joined(separator: ", "))) VALUES (\(Store.placeholders(columns.count)))"
        try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(values))
    }
}
