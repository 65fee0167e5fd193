import Foundation
import GRDB
import TouchbaseCore

/// Writes snapshot records into the tables: registers as they are, and per known entity one row
/// with every displayed value, the deleted status and the survivor.
///
/// Every statement is prepared once per load (per table, one per set of fields its rows hold), and
/// a record's register blob is written in one pass, so a record costs its rows and little else.
struct SnapshotLoader {
    var session: WriteSession
    /// The statements, prepared at the first record.
    private var statements: Statements?
    /// The device of the last value written, and its local index (most values share a few devices).
    private var lastDevice: (device: DeviceID, index: Int64)?
    /// The row writer of each known entity seen so far; `nil` for an entity this version does not know.
    private var tables: [String: EntityRows?] = [:]
    /// The entity of the last record and its row writer (records of one entity often follow each other).
    private var lastTable: (entity: String, rows: EntityRows?)?

    private struct Statements {
        let register: RowBinder
        let past: Statement
        let conflict: Statement

        init(_ db: Database) throws {
            register = try RowBinder(db, sql: "INSERT INTO recordRegisters (record, entity, data) VALUES (?, ?, ?)")
            past = try db.makeStatement(sql: """
                INSERT INTO snapshotDot (device, seq, past) VALUES (?, ?, ?) ON CONFLICT(device, seq) DO UPDATE SET past = excluded.past
                """)
            conflict = try db.makeStatement(sql: "INSERT OR IGNORE INTO conflict (record, entity, field, kind) VALUES (?, ?, ?, ?)")
        }
    }

    /// The bytes of the register blob being built, reused from record to record.
    private var blob = ByteWriter(capacity: 1024)
    /// One value's encoding, reused from value to value.
    private var valueBytes = ByteWriter(capacity: 64)

    init(session: WriteSession) {
        self.session = session
    }

    mutating func load(_ record: SnapshotRecord) throws {
        // Fields in name order (a writer sends them so; anything else is sorted here), which is
        // the register blob's order and puts a field given twice next to itself.
        var fields = record.fields
        if fields.indices.dropFirst().contains(where: { !(fields[$0 - 1].name < fields[$0].name) }) {
            fields.sort { $0.name < $1.name }
            for i in fields.indices.dropFirst() where fields[i].name == fields[i - 1].name {
                throw StoreError.corrupt("a snapshot record holds a field twice")
            }
        }
        let statements = try self.statements ?? Statements(session.db)
        self.statements = statements
        if try registerBlob(fields) {
            try statements.register.bind(record.id.raw)
            try statements.register.bind(record.entity)
            try statements.register.bind(blob: blob.bytes)
            try statements.register.run()
        }
        for (dot, past) in record.pasts {
            try statements.past.execute(arguments: [dot.device, Int64(clamping: dot.seq), Data(SnapshotDots.encodePast(past))])
        }
        if !record.conflicts.isEmpty {
            let id = record.id.databaseValue
            for c in record.conflicts {
                try statements.conflict.execute(arguments: [id, record.entity, c.field, c.kind])
            }
        }
        let rows: EntityRows
        if let last = lastTable, last.entity == record.entity {
            guard let known = last.rows else { return }
            rows = known
        } else if let known = tables[record.entity] {
            lastTable = (record.entity, known)
            guard let known else { return }
            rows = known
        } else {
            let made = Schema.entity(record.entity).map { EntityRows($0, session.db) }
            tables[record.entity] = .some(made)
            lastTable = (record.entity, made)
            guard let made else { return }
            rows = made
        }
        try rows.insert(id: record.id, hidden: record.hidden, survivor: record.survivor, fields: fields)
    }

    /// Builds the record's registers in ``RegisterBlob`` form (fields without values left out)
    /// in ``blob``; false when no field holds a value. `fields` are in ascending name order.
    private mutating func registerBlob(_ fields: [SnapshotRecord.Field]) throws -> Bool {
        var kept = 0
        for f in fields where !f.values.isEmpty { kept += 1 }
        guard kept > 0 else { return false }
        blob.removeAll()
        blob.varint(UInt64(kept))
        for f in fields where !f.values.isEmpty {
            blob.string(f.name)
            blob.varint(UInt64(f.values.count))
            for v in f.values {
                if v.dot.device != lastDevice?.device { lastDevice = (v.dot.device, try session.index(of: v.dot.device)) }
                if let encoded = f.encodedValue {
                    // The value's bytes as the snapshot held them (they are its encoding): copied, not encoded again.
                    RegisterBlob.append(v, deviceIndex: lastDevice!.index, valueBytes: encoded, to: &blob)
                } else {
                    RegisterBlob.append(v, deviceIndex: lastDevice!.index, to: &blob, scratch: &valueBytes)
                }
            }
        }
        return true
    }
}

/// The row inserts of one known entity's table: `id`, `deleted`, `survivor` where the entity has
/// one, then the fields the record holds, in name order. One statement per set of fields, prepared
/// once (a table's rows mostly share a few sets), so a row binds only the values it has.
private final class EntityRows {
    let db: Database
    let table: String
    let hasSurvivor: Bool
    /// The fields with a column, in name order (a field's position is its bit in a row's field set).
    let names: [String]
    /// The insert of each field set seen.
    var statements: [UInt64: RowBinder] = [:]
    /// The type of each column of `names`.
    let types: [FieldType]
    /// For the record being inserted, each field's position in `names`, or -1 for a field
    /// without values or without a column (reused from row to row).
    private var found: [Int] = []

    init(_ schema: EntitySchema, _ db: Database) {
        self.db = db
        table = StoreMigrations.quoted(schema.name)
        hasSurvivor = schema.type(of: Merger.mergedIntoField) != nil
        let fields = schema.fields.filter { $0.name != Merger.deletedField }.sorted { $0.name < $1.name }
        names = fields.map(\.name)
        types = fields.map(\.type)
    }

    /// Inserts the row of a record: each field's displayed value in its typed column. `fields`
    /// are in ascending name order.
    func insert(id: RecordID, hidden: Bool, survivor: RecordID?, fields: [SnapshotRecord.Field]) throws {
        // Field sets of up to 64 fields are told apart by a bit mask; past that every column is bound.
        let every = names.count > 64
        let set = locate(fields)
        let statement = try statements[set] ?? prepare(set, every: every)
        try statement.bind(id.raw)
        try statement.bind(Int64(hidden ? 1 : 0))
        if hasSurvivor {
            if let survivor { try statement.bind(survivor.raw) } else { try statement.bindNull() }
        }
        var bound = 0
        for (i, f) in fields.enumerated() {
            let bit = found[i]
            guard bit >= 0 else { continue }
            if every {
                while bound < bit { try statement.bindNull(); bound += 1 }
                bound += 1
            }
            let displayed = f.values.count == 1 ? f.values[0].value : Register(values: f.values).value
            let type = types[bit]
            switch (displayed, type) {
            case (.date(let d), .date): try statement.bind(LoadColumnText.date(d))
            case (.texts(let list), .texts): try statement.bind(LoadColumnText.json(list))
            case (.refs(let ids), .refs): try statement.bind(LoadColumnText.json(ids.map(\.hex)))
            default: try statement.bind(column: displayed, as: type)
            }
        }
        if every {
            while bound < names.count { try statement.bindNull(); bound += 1 }
        }
        try statement.run()
    }

    /// Fills ``found`` for `fields` and gives their field set. Fields and `names` are both in
    /// ascending name order, so one walk through `names` finds every column by equality alone.
    private func locate(_ fields: [SnapshotRecord.Field]) -> UInt64 {
        found.removeAll(keepingCapacity: true)
        var set: UInt64 = 0
        var from = 0
        for f in fields {
            var k = from
            while k < names.count, names[k] != f.name { k += 1 }
            guard k < names.count else {
                found.append(-1)  // no column: a field this version does not know
                continue
            }
            from = k + 1
            if f.values.isEmpty {
                found.append(-1)
            } else {
                found.append(k)
                if k < 64 { set |= 1 << UInt64(k) }
            }
        }
        return names.count > 64 ? .max : set
    }

    private func prepare(_ set: UInt64, every: Bool) throws -> RowBinder {
        var list = ["id", "deleted"] + (hasSurvivor ? ["survivor"] : [])
        for (bit, name) in names.enumerated() where every || set & (1 << UInt64(bit)) != 0 { list.append(name) }
        let statement = try RowBinder(db, sql: """
            INSERT INTO \(table) (\(list.map(StoreMigrations.quoted).joined(separator: ", "))) VALUES (\(Store.placeholders(list.count)))
            """)
        statements[set] = statement
        return statement
    }
}

/// The column text of dates and text lists, as ``ColumnCoding/column(_:as:)`` gives it, made
/// without string interpolation or a `JSONEncoder` for the common cases: a snapshot load writes
/// one per date and list value of every row.
enum LoadColumnText {
    /// `YYYY-MM-DD`, or `--MM-DD` without a year: ``CalendarDate/description``.
    static func date(_ d: CalendarDate) -> String {
        // A valid date has a year in 1…9999, a month in 1…12 and a day in 1…31.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { out in
            var n = 0
            func two(_ v: Int) {
                out[n] = 0x30 + UInt8(v / 10)
                out[n + 1] = 0x30 + UInt8(v % 10)
                n += 2
            }
            if let year = d.year {
                two(year / 100)
                two(year % 100)
            } else {
                out[0] = 0x2D
                n = 1
            }
            out[n] = 0x2D
            n += 1
            two(d.month)
            out[n] = 0x2D
            n += 1
            two(d.day)
            return String(decoding: UnsafeBufferPointer(rebasing: out[0..<n]), as: UTF8.self)
        }
    }

    /// The JSON array of `list`, byte for byte ``ColumnCoding/json(_:)``: written directly when
    /// every string is printable ASCII with nothing JSON escapes (`"`, `\`, `/`), otherwise left to
    /// the encoder.
    static func json(_ list: [String]) -> String {
        var bytes: [UInt8] = [0x5B]
        for (i, s) in list.enumerated() {
            if i > 0 { bytes.append(0x2C) }
            bytes.append(0x22)
            for c in s.utf8 {
                guard c >= 0x20, c < 0x7F, c != 0x22, c != 0x5C, c != 0x2F else { return ColumnCoding.json(list) }
                bytes.append(c)
            }
            bytes.append(0x22)
        }
        bytes.append(0x5D)
        return String(decoding: bytes, as: UTF8.self)
    }
}
