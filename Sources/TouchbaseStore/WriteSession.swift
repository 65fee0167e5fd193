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
    /// The registers read and written in this transaction.
    let cache = RegisterCache()
    /// While a batch is applied (``Store/apply(_:now:in:)``): the last sequence number applied per
    /// device index, written to `device.maxSeq` once at the end of the batch instead of per Change.
    var pendingMaxSeq: [Int64: UInt64]?
    /// Records whose delete and merge status was refreshed in this transaction: refreshed again once
    /// survivors are recomputed, since their status depends on what shows under them.
    var statusTouched: Set<RecordKey> = []
    /// What a local edit reuses from the previous one (``WriteCache``).
    var reuse = WriteReuse()

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

    /// A session on the device table's rows a previous transaction left (``WriteCache``).
    init(_ db: Database, cached: WriteCache.Entry) {
        self.db = db
        indexOf = cached.devices.indexOf
        deviceAt = cached.devices.deviceAt
        version = cached.devices.version
        reuse = cached.reuse
    }

    /// The device table's rows as this session holds them.
    var deviceRows: WriteCache.DeviceRows { WriteCache.DeviceRows(indexOf: indexOf, deviceAt: deviceAt, version: version) }

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
        let record = key.recordKey
        if let fields = cache.records[record] { return fields[key.field] ?? Register() }
        return try load(record)[key.field] ?? Register()
    }

    /// Replaces the register of one field, writing only the rows that differ: a value of a device
    /// the new register no longer holds is deleted, a new or changed one upserted (one row per
    /// device: a register never holds two values of one device). The field's conflict row follows
    /// the register when its conflict state flips (Protocol/SPEC.md §13).
    mutating func setRegister(_ register: Register, for key: FieldKey) throws {
        let old = try self.register(key)
        let rec = key.record
        for v in old.values where !register.values.contains(where: { $0.dot.device == v.dot.device }) {
            try db.cachedStatement(sql: "DELETE FROM register WHERE record = ? AND entity = ? AND field = ? AND dev = ?")
                .execute(arguments: [rec, key.entity, key.field, try index(of: v.dot.device)])
        }
        for v in register.values where !old.values.contains(v) {
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO register (record, field, entity, dev, seq, hlc, value) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .execute(arguments: [rec, key.field, key.entity, try index(of: v.dot.device), Int64(v.dot.seq),
                                     Int64(bitPattern: v.hlc.raw), Data(v.value.encodedBytes)])
        }
        if old.isConflict != register.isConflict {
            try setConflict(register.isConflict, record: key.recordKey, field: key.field, kind: .field)
        }
        cache.records[key.recordKey, default: [:]][key.field] = register
        if key.field == Merger.deletedField || key.field == Merger.mergedIntoField { cache.statusFieldsWritten.insert(key.recordKey) }
    }

    func registers(of record: RecordKey) throws -> [String: Register] {
        if let fields = cache.records[record] { return fields }
        return try load(record)
    }

    /// Reads every register of `record` into the cache.
    @discardableResult
    private func load(_ record: RecordKey) throws -> [String: Register] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT field, dev, seq, hlc, value FROM register WHERE record = ? AND entity = ?"),
                                    arguments: [record.record, record.entity])
        var grouped: [String: [RegisterValue]] = [:]
        for row in rows { grouped[row[0], default: []].append(try registerValue(row, from: 1)) }
        let fields = grouped.mapValues { Register(values: $0) }
        cache.makeRoom(for: 1)
        cache.records[record] = fields
        return fields
    }

    /// Reads every register of `records` not read yet into the cache, a few hundred records per
    /// query: a batch reads its registers in one pass instead of one query per field.
    func prefetch<S: Sequence>(_ records: S) throws where S.Element == RecordKey {
        var wanted = Set<RecordKey>()
        for r in records where cache.records[r] == nil { wanted.insert(r) }
        guard !wanted.isEmpty else { return }
        let ids = Array(Set(wanted.lazy.map(\.record)))
        var found: [RecordKey: [String: [RegisterValue]]] = [:]
        let chunk = 400
        for start in stride(from: 0, to: ids.count, by: chunk) {
            let part = ids[start..<min(start + chunk, ids.count)]
            let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT record, entity, field, dev, seq, hlc, value FROM register WHERE record IN (\(Store.placeholders(part.count)))
                """), arguments: StatementArguments(part.map(\.databaseValue)))
            while let row = try rows.next() {
                guard let id = ColumnCoding.recordID(row[0]) else { continue }
                let key = RecordKey(entity: row[1], record: id)
                guard wanted.contains(key) else { continue }
                found[key, default: [:]][row[2], default: []].append(try registerValue(row, from: 3))
            }
        }
        cache.makeRoom(for: wanted.count)
        for r in wanted { cache.records[r] = found[r]?.mapValues { Register(values: $0) } ?? [:] }
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

    /// The register value in the columns `dev, seq, hlc, value` of `row`, from column `first` on.
    func registerValue(_ row: Row, from first: Int) throws -> RegisterValue {
        let dot = Dot(device: try device(at: row[first]), seq: UInt64(row[first + 1] as Int64))
        return RegisterValue(dot: dot, hlc: HLC(raw: UInt64(bitPattern: row[first + 2])), value: try Value(encodedBytes: [UInt8](row[first + 3] as Data)))
    }
}
