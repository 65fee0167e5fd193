import Foundation
import GRDB
import GRDBSQLite
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
    /// While a batch is applied: the fields each applied Change changed, by record, materialized
    /// once at the end of the batch.
    var pendingTouched: [RecordKey: Set<String>] = [:]
    /// Records whose delete and merge status was refreshed in this transaction: refreshed again once
    /// survivors are recomputed, since their status depends on what shows under them.
    var statusTouched: Set<RecordKey> = []
    /// Set by migrations older than `perf-v2-record-registers`, which run before it converted the
    /// `register` table (one row per value): registers are then read from that table.
    var legacyRegisters = false
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

    func device(at idx: Int64) throws -> DeviceID { try Self.device(at: idx, in: deviceAt) }

    /// The device at `idx` of a copy of ``deviceAt``, for a closure that must not capture the session.
    static func device(at idx: Int64, in table: [Int64: DeviceID]) throws -> DeviceID {
        guard let d = table[idx] else { throw StoreError.corrupt("unknown device index \(idx)") }
        return d
    }

    // MARK: - RegisterStorage

    func register(_ key: FieldKey) throws -> Register {
        let record = key.recordKey
        if let entry = cache.records[record] { return entry.fields[key.field] ?? Register() }
        return try load(record)[key.field] ?? Register()
    }

    /// Replaces the register of one field in the cache; the record's row in `recordRegisters` is
    /// written once by ``flushRegisters()`` (after the Change, or at the end of a batch). The
    /// field's conflict row follows the register when its conflict state flips (Protocol/SPEC.md §13).
    mutating func setRegister(_ register: Register, for key: FieldKey) throws {
        let old = try self.register(key)
        for v in register.values where indexOf[v.dot.device] == nil { _ = try index(of: v.dot.device) }
        if old.isConflict != register.isConflict {
            try setConflict(register.isConflict, record: key.recordKey, field: key.field, kind: .field)
        }
        let record = key.recordKey
        if cache.records[record] == nil { try load(record) }
        guard let i = cache.records.index(forKey: record) else { throw StoreError.corrupt("a record left the register cache") }
        cache.records.values[i].fields[key.field] = register.isEmpty ? nil : register
        if cache.records.values[i].markChanged(key.field) { cache.dirty.append(record) }
        if key.field == Merger.deletedField || key.field == Merger.mergedIntoField { cache.statusFieldsWritten.insert(key.recordKey) }
    }

    /// Writes the registers of every record changed since the last flush, one row per record
    /// (deleted when no register is left), in key order.
    func flushRegisters() throws {
        guard !cache.dirty.isEmpty else { return }
        let upsert = RowBinder(cached: try db.cachedStatement(sql: """
            INSERT INTO recordRegisters (record, entity, data) VALUES (?, ?, ?)
            ON CONFLICT(record, entity) DO UPDATE SET data = excluded.data
            """))
        let delete = try db.cachedStatement(sql: "DELETE FROM recordRegisters WHERE record = ? AND entity = ?")
        var blob = ByteWriter(capacity: 1024)
        var scratch = ByteWriter(capacity: 64)
        // Made once, holding the device indexes alone (not a copy of the session per record).
        let indexOf = self.indexOf
        let index = { (d: DeviceID) throws -> Int64 in
            guard let i = indexOf[d] else { throw StoreError.corrupt("a register value of an unindexed device") }
            return i
        }
        for record in cache.dirty.sorted() {
            guard let i = cache.records.index(forKey: record), !cache.records.values[i].fields.isEmpty else {
                try delete.execute(arguments: [record.record, record.entity])
                if let i = cache.records.index(forKey: record) {
                    cache.records.values[i].stored = nil
                    cache.records.values[i].changed = []
                    cache.records.values[i].dirty = false
                }
                continue
            }
            blob.removeAll()
            let entry = cache.records.values[i]
            if let stored = entry.stored {
                try RegisterBlob.splice(stored, changed: entry.changed, registers: entry.fields, into: &blob, scratch: &scratch, index: index)
                cache.records.values[i].stored = blob.bytes
                cache.records.values[i].changed = []
            } else {
                try RegisterBlob.encode(entry.fields, into: &blob, scratch: &scratch, index: index)
            }
            cache.records.values[i].dirty = false
            try upsert.bind(record.record.raw)
            try upsert.bind(record.entity)
            try upsert.bind(blob: blob.bytes)
            try upsert.run()
        }
        cache.dirty.removeAll()
    }

    func registers(of record: RecordKey) throws -> [String: Register] {
        if let entry = cache.records[record] { return entry.fields }
        return try load(record)
    }

    /// Reads every register of `record` into the cache.
    @discardableResult
    private func load(_ record: RecordKey) throws -> [String: Register] {
        let fields: [String: Register]
        var bytes: [UInt8]?
        if legacyRegisters {
            let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT field, dev, seq, hlc, value FROM register WHERE record = ? AND entity = ?"),
                                        arguments: [record.record, record.entity])
            var grouped: [String: [RegisterValue]] = [:]
            for row in rows { grouped[row[0], default: []].append(try registerValue(row, from: 1)) }
            fields = grouped.mapValues { Register(values: $0) }
        } else {
            bytes = try storedRegisters(of: record)
            fields = try bytes.map { try RegisterBlob.decode($0) { try device(at: $0) } } ?? [:]
        }
        try makeRoom(for: 1)
        cache.records[record] = RegisterCache.Entry(fields: fields, stored: bytes)
        return fields
    }

    /// The `recordRegisters` row of `record` as stored (`nil` when it has none), read through the
    /// SQLite C API: no arguments or `Data` made for a single edit's one read.
    private func storedRegisters(of record: RecordKey) throws -> [UInt8]? {
        let statement = try db.cachedStatement(sql: "SELECT data FROM recordRegisters WHERE record = ? AND entity = ?")
        let raw = statement.sqliteStatement
        sqlite3_reset(raw)
        defer { sqlite3_reset(raw) }
        let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
        let id = record.record.raw
        var code = withUnsafeBytes(of: (id.high.bigEndian, id.low.bigEndian)) { sqlite3_bind_blob(raw, 1, $0.baseAddress, 16, transient) }
        if code == SQLITE_OK {
            var entity = record.entity
            code = entity.withUTF8 { p -> CInt in
                guard let base = p.baseAddress else { return sqlite3_bind_text(raw, 2, "", 0, transient) }
                return base.withMemoryRebound(to: CChar.self, capacity: p.count) { sqlite3_bind_text(raw, 2, $0, CInt(p.count), transient) }
            }
        }
        if code == SQLITE_OK { code = sqlite3_step(raw) }
        switch code {
        case SQLITE_ROW:
            guard sqlite3_column_type(raw, 0) != SQLITE_NULL else { return nil }
            let n = Int(sqlite3_column_bytes(raw, 0))
            guard n > 0, let p = sqlite3_column_blob(raw, 0) else { return [] }
            return [UInt8](UnsafeRawBufferPointer(start: p, count: n))
        case SQLITE_DONE:
            return nil
        default:
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
        }
    }

    /// Reads every register of `records` not read yet into the cache, a few hundred records per
    /// query: a batch reads its registers in one pass instead of one query per record.
    func prefetch<S: Sequence>(_ records: S) throws where S.Element == RecordKey {
        guard !legacyRegisters else { return }
        var wanted = Set<RecordKey>()
        for r in records where cache.records[r] == nil { wanted.insert(r) }
        guard !wanted.isEmpty else { return }
        // One record (a single edit): its row by key, a statement without a list to build.
        if wanted.count == 1, let only = wanted.first {
            try load(only)
            return
        }
        // Each row's registers, and its bytes as stored: flushing the batch then encodes only the
        // fields it wrote (``RegisterBlob/splice(_:changed:registers:into:scratch:index:)``).
        // Room is made first (none of `wanted` is held, so none is dirty: their rows are as stored),
        // then each row read goes straight into the cache.
        try makeRoom(for: wanted.count)
        let deviceAt = self.deviceAt
        try forEachStoredRow(of: wanted) { key, bytes in
            let fields = try RegisterBlob.decode(bytes) { try WriteSession.device(at: $0, in: deviceAt) }
            cache.records[key] = RegisterCache.Entry(fields: fields, stored: bytes)
        }
        for r in wanted where cache.records[r] == nil {
            cache.records[r] = RegisterCache.Entry(fields: [:], stored: nil)
        }
    }

    /// Calls `body` with the key and stored bytes of the `recordRegisters` row of each of
    /// `records` that has one, a few hundred records per query.
    func forEachStoredRow(of records: Set<RecordKey>, _ body: (RecordKey, [UInt8]) throws -> Void) throws {
        let ids = Array(Set(records.lazy.map { $0.record }))
        let chunk = 400
        for start in stride(from: 0, to: ids.count, by: chunk) {
            let part = ids[start..<min(start + chunk, ids.count)]
            let statement = try db.cachedStatement(sql: """
                SELECT record, entity, data FROM recordRegisters WHERE record IN (\(Store.placeholders(part.count)))
                """)
            // Each row's columns read through the C API (``StepColumns``): no `Row` values, `Data`
            // or `DatabaseValue` made per row.
            let rows = try Row.fetchCursor(statement, arguments: StatementArguments(part.map { $0.databaseValue }))
            let column = StepColumns(statement)
            let raw = statement.sqliteStatement
            while let row = try rows.next() {
                guard let id = column.id(0) else { continue }
                let key = RecordKey(entity: column.text(1) ?? row[1], record: id)
                guard records.contains(key) else { continue }
                let n = Int(sqlite3_column_bytes(raw, 2))
                guard n > 0, let p = sqlite3_column_blob(raw, 2) else {
                    try body(key, [UInt8](row[2] as Data))
                    continue
                }
                try body(key, [UInt8](UnsafeRawBufferPointer(start: p, count: n)))
            }
        }
    }

    /// The records of `entity` that have a register (of one of `fields`, when given), ascending:
    /// what a migration that shows a new entity or field fills its rows from.
    func recordsWithRegisters(of entity: String, fields: Set<String>? = nil) throws -> [RecordID] {
        if legacyRegisters {
            var sql = "SELECT DISTINCT record FROM register WHERE entity = ?"
            var args: StatementArguments = [entity]
            if let fields {
                sql += " AND field IN (\(Store.placeholders(fields.count)))"
                _ = args.append(contentsOf: StatementArguments(fields.sorted()))
            }
            return try DatabaseValue.fetchAll(db, sql: sql + " ORDER BY record", arguments: args).compactMap(ColumnCoding.recordID)
        }
        var out: [RecordID] = []
        for row in try Row.fetchAll(db, sql: "SELECT record, data FROM recordRegisters WHERE entity = ? ORDER BY record", arguments: [entity]) {
            guard let id = ColumnCoding.recordID(row[0]) else { continue }
            if let fields, !(try RegisterBlob.entries([UInt8](row[1] as Data)).contains { fields.contains($0.name) }) { continue }
            out.append(id)
        }
        return out
    }

    /// Reads the registers of `part` (records a batch is about to go through, at most
    /// ``RegisterCache/recordLimit`` of them) into the cache in a few queries. When they do not fit
    /// beside what the cache holds, the changed records are written and the cache starts over first,
    /// so none of `part` is dropped while the batch goes through it: a batch that touches more
    /// records than the cache holds reads each part's records together, never one query per record.
    func prepare(_ part: ArraySlice<RecordKey>) throws {
        let missing = part.reduce(0) { $0 + (cache.records[$1] == nil ? 1 : 0) }
        guard missing > 0 else { return }
        if cache.records.count + missing > cache.recordLimit { try makeRoom(for: part.count) }
        try prefetch(part)
    }

    /// How many records a batch goes through per ``prepare(_:)``: half the cache, so a part and the
    /// records it reads on the side (records shown under it) fit together.
    var preparedPart: Int { max(1, cache.recordLimit / 2) }

    /// Makes room in the cache for `incoming` more records (``RegisterCache/recordLimit``): when it
    /// would overflow, the changed records are written first, then every record is dropped.
    private func makeRoom(for incoming: Int) throws {
        guard cache.records.count + incoming > cache.recordLimit else { return }
        try flushRegisters()
        cache.records.removeAll()
    }

    /// A record's registers from its `recordRegisters` row.
    func decodeRegisters(_ data: Data) throws -> [String: Register] {
        try RegisterBlob.decode([UInt8](data)) { try device(at: $0) }
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
