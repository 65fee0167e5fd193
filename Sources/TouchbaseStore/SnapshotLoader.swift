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
        let id = record.id.databaseValue
        if try registerBlob(fields) {
            try statements.register.bind(record.id.raw)
            try statements.register.bind(record.entity)
            try statements.register.bind(blob: blob.bytes)
            try statements.register.run()
        }
        for (dot, past) in record.pasts {
            try statements.past.execute(arguments: [dot.device, Int64(clamping: dot.seq), Data(SnapshotDots.encodePast(past))])
        }
        for c in record.conflicts {
            try statements.conflict.execute(arguments: [id, record.entity, c.field, c.kind])
        }
        let rows: EntityRows
        if let known = tables[record.entity] {
            guard let known else { return }
            rows = known
        } else {
            let made = Schema.entity(record.entity).map { EntityRows($0, session.db) }
            tables[record.entity] = .some(made)
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
                RegisterBlob.append(v, deviceIndex: lastDevice!.index, to: &blob, scratch: &valueBytes)
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
    /// The fields with a column, in name order: their bit in a row's field set, and type.
    let columns: [String: (bit: Int, type: FieldType)]
    let names: [String]
    /// The insert of each field set seen.
    var statements: [UInt64: RowBinder] = [:]

    init(_ schema: EntitySchema, _ db: Database) {
        self.db = db
        table = StoreMigrations.quoted(schema.name)
        hasSurvivor = schema.type(of: Merger.mergedIntoField) != nil
        let fields = schema.fields.filter { $0.name != Merger.deletedField }.sorted { $0.name < $1.name }
        names = fields.map(\.name)
        var columns: [String: (bit: Int, type: FieldType)] = [:]
        for (bit, field) in fields.enumerated() { columns[field.name] = (bit, field.type) }
        self.columns = columns
    }

    /// Inserts the row of a record: each field's displayed value in its typed column. `fields`
    /// are in ascending name order.
    func insert(id: RecordID, hidden: Bool, survivor: RecordID?, fields: [SnapshotRecord.Field]) throws {
        // Field sets of up to 64 fields are told apart by a bit mask; past that every column is bound.
        let every = names.count > 64
        var set: UInt64 = 0
        if every {
            set = .max
        } else {
            for f in fields where !f.values.isEmpty {
                if let column = columns[f.name] { set |= 1 << UInt64(column.bit) }
            }
        }
        let statement = try statements[set] ?? prepare(set, every: every)
        try statement.bind(id.raw)
        try statement.bind(Int64(hidden ? 1 : 0))
        if hasSurvivor {
            if let survivor { try statement.bind(survivor.raw) } else { try statement.bindNull() }
        }
        var bound = 0
        for f in fields {
            guard let column = columns[f.name], !f.values.isEmpty else { continue }
            if every {
                while bound < column.bit { try statement.bindNull(); bound += 1 }
                bound += 1
            }
            let displayed = f.values.count == 1 ? f.values[0].value : Register(values: f.values).value
            try statement.bind(column: displayed, as: column.type)
        }
        if every {
            while bound < names.count { try statement.bindNull(); bound += 1 }
        }
        try statement.run()
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
