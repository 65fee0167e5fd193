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
        let register: Statement
        let past: Statement
        let conflict: Statement

        init(_ db: Database) throws {
            register = try db.makeStatement(sql: "INSERT INTO recordRegisters (record, entity, data) VALUES (?, ?, ?)")
            past = try db.makeStatement(sql: """
                INSERT INTO snapshotDot (device, seq, past) VALUES (?, ?, ?) ON CONFLICT(device, seq) DO UPDATE SET past = excluded.past
                """)
            conflict = try db.makeStatement(sql: "INSERT OR IGNORE INTO conflict (record, entity, field, kind) VALUES (?, ?, ?, ?)")
        }
    }

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
        if let blob = try registerBlob(fields) {
            try statements.register.execute(arguments: [id, record.entity, blob])
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
        try rows.insert(id: id, hidden: record.hidden, survivor: record.survivor, fields: fields)
    }

    /// The record's registers in ``RegisterBlob`` form (fields without values left out), or nil
    /// when no field holds a value. `fields` are in ascending name order.
    private mutating func registerBlob(_ fields: [SnapshotRecord.Field]) throws -> Data? {
        var kept = 0
        var size = 8
        for f in fields where !f.values.isEmpty {
            kept += 1
            size += f.name.utf8.count + 2 + f.values.count * 24
        }
        guard kept > 0 else { return nil }
        var w = ByteWriter(capacity: size)
        w.varint(UInt64(kept))
        for f in fields where !f.values.isEmpty {
            w.string(f.name)
            w.varint(UInt64(f.values.count))
            for v in f.values {
                if v.dot.device != lastDevice?.device { lastDevice = (v.dot.device, try session.index(of: v.dot.device)) }
                w.varint(UInt64(bitPattern: lastDevice!.index))
                w.varint(v.dot.seq)
                w.uint64BE(v.hlc.raw)
                let bytes = v.value.encodedBytes
                w.varint(UInt64(bytes.count))
                w.raw(bytes)
            }
        }
        return Data(w.bytes)
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
    var statements: [UInt64: Statement] = [:]
    /// The arguments, reused from row to row.
    var arguments: [DatabaseValue] = []

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
    func insert(id: DatabaseValue, hidden: Bool, survivor: RecordID?, fields: [SnapshotRecord.Field]) throws {
        arguments.removeAll(keepingCapacity: true)
        arguments.append(id)
        arguments.append((hidden ? 1 : 0).databaseValue)
        if hasSurvivor { arguments.append(survivor?.databaseValue ?? .null) }
        // Field sets of up to 64 fields are told apart by a bit mask; past that every column is bound.
        let every = names.count > 64
        var set: UInt64 = 0
        var bound = 0
        for f in fields {
            guard let column = columns[f.name] else { continue }
            let displayed: Value
            switch f.values.count {
            case 0: continue
            case 1: displayed = f.values[0].value
            default: displayed = Register(values: f.values).value
            }
            if every {
                while bound < column.bit { arguments.append(.null); bound += 1 }
                bound += 1
            } else {
                set |= 1 << UInt64(column.bit)
            }
            arguments.append(ColumnCoding.column(displayed, as: column.type))
        }
        if every {
            while bound < names.count { arguments.append(.null); bound += 1 }
            set = .max
        }
        let statement = try statements[set] ?? prepare(set, every: every)
        statement.setUncheckedArguments(StatementArguments(arguments))
        try statement.execute()
    }

    private func prepare(_ set: UInt64, every: Bool) throws -> Statement {
        var list = ["id", "deleted"] + (hasSurvivor ? ["survivor"] : [])
        for (bit, name) in names.enumerated() where every || set & (1 << UInt64(bit)) != 0 { list.append(name) }
        let statement = try db.makeStatement(sql: """
            INSERT INTO \(table) (\(list.map(StoreMigrations.quoted).joined(separator: ", "))) VALUES (\(Store.placeholders(list.count)))
            """)
        statements[set] = statement
        return statement
    }
}
