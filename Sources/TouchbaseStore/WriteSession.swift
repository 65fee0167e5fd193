import Foundation
import GRDB
import TouchbaseCore

/// One write transaction's view of the database: device indexes, the version vector, and the
/// registers, as a ``RegisterStorage`` so the Core merge rules run unchanged on SQLite.
///
/// Loaded at the start of every write transaction (a few rows), so a second process writing the
/// same database between two of ours is always seen.
struct WriteSession: RegisterStorage {
    let db: Database
    private(set) var indexOf: [DeviceID: Int64] = [:]
    private(set) var deviceAt: [Int64: DeviceID] = [:]
    var version = VersionVector()
    /// Registers written by the Change being applied, for the materializer.
    var written: [FieldKey: Register] = [:]
    /// Records whose delete and merge status was refreshed in this transaction: refreshed again once
    /// survivors are recomputed, since their status depends on what shows under them.
    var statusTouched: Set<RecordKey> = []

    init(_ db: Database) throws {
        self.db = db
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT idx, id, maxSeq FROM device")) {
            guard let raw = ID128(bytes: [UInt8](row["id"] as Data)) else { throw StoreError.corrupt("bad device id") }
            let id = DeviceID(raw)
            let idx: Int64 = row["idx"]
            indexOf[id] = idx
            deviceAt[idx] = id
            version[id] = UInt64(row["maxSeq"] as Int64)
        }
    }

    /// The small integer that stands for a device in this database, inserting it if new.
    mutating func index(of device: DeviceID) throws -> Int64 {
        if let i = indexOf[device] { return i }
        try db.execute(sql: "INSERT INTO device (id) VALUES (?)", arguments: [device])
        let i = db.lastInsertedRowID
        indexOf[device] = i
        deviceAt[i] = device
        return i
    }

    func device(at idx: Int64) throws -> DeviceID {
        guard let d = deviceAt[idx] else { throw StoreError.corrupt("unknown device index \(idx)") }
        return d
    }

    // MARK: - RegisterStorage

    func register(_ key: FieldKey) throws -> Register {
        if let r = written[key] { return r }
        let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT dev, seq, hlc, value FROM register WHERE record = ? AND entity = ? AND field = ?"),
                                    arguments: [key.record, key.entity, key.field])
        return Register(values: try rows.map(registerValue))
    }

    mutating func setRegister(_ register: Register, for key: FieldKey) throws {
        let rec = key.record
        try db.cachedStatement(sql: "DELETE FROM register WHERE record = ? AND entity = ? AND field = ?")
            .execute(arguments: [rec, key.entity, key.field])
        let insert = try db.cachedStatement(sql: "INSERT INTO register (record, field, entity, dev, seq, hlc, value) VALUES (?, ?, ?, ?, ?, ?, ?)")
        for v in register.values {
            try insert.execute(arguments: [rec, key.field, key.entity, try index(of: v.dot.device), Int64(v.dot.seq),
                                           Int64(bitPattern: v.hlc.raw), Data(v.value.encodedBytes)])
        }
        written[key] = register
    }

    func registers(of record: RecordKey) throws -> [String: Register] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT field, dev, seq, hlc, value FROM register WHERE record = ? AND entity = ?"),
                                    arguments: [record.record, record.entity])
        var grouped: [String: [RegisterValue]] = [:]
        for row in rows { grouped[row["field"], default: []].append(try registerValue(row)) }
        return grouped.mapValues { Register(values: $0) }
    }

    func causalPast(of dot: Dot) throws -> VersionVector? {
        guard let idx = indexOf[dot.device],
              let data = try Data.fetchOne(db.cachedStatement(sql: "SELECT data FROM change WHERE dev = ? AND seq = ?"),
                                           arguments: [idx, Int64(dot.seq)]) else { return try Store.snapshotPast(of: dot, db) }
        return try ChangeCodec.decode([UInt8](data)).first?.causalPast
    }

    func recordsShown(under record: RecordKey) throws -> [RecordKey] {
        guard let schema = Schema.entity(record.entity) else { return [] }
        var out: [RecordKey] = []
        var targets = [record.record.databaseValue]
        if schema.type(of: Merger.mergedIntoField) != nil {
            let merged = try DatabaseValue.fetchAll(db.cachedStatement(sql: "SELECT id FROM \(StoreMigrations.quoted(schema.name)) WHERE survivor = ?"),
                                                    arguments: [record.record])
            out += merged.compactMap(ColumnCoding.recordID).map { RecordKey(entity: record.entity, record: $0) }
            targets += merged
        }
        for link in Schema.shownUnder where link.target == record.entity {
            let ids = try DatabaseValue.fetchAll(db, sql: """
                SELECT id FROM \(StoreMigrations.quoted(link.entity)) WHERE \(StoreMigrations.quoted(link.field)) IN (\(Store.placeholders(targets.count)))
                """, arguments: StatementArguments(targets))
            out += ids.compactMap(ColumnCoding.recordID).map { RecordKey(entity: link.entity, record: $0) }
        }
        return out.sorted()
    }

    func registerValue(_ row: Row) throws -> RegisterValue {
        let dot = Dot(device: try device(at: row["dev"]), seq: UInt64(row["seq"] as Int64))
        return RegisterValue(dot: dot, hlc: HLC(raw: UInt64(bitPattern: row["hlc"])), value: try Value(encodedBytes: [UInt8](row["value"] as Data)))
    }
}
