import Foundation
import GRDB
import TouchbaseCore

/// Writes snapshot records into the tables: registers as they are, and per known entity one row
/// with every displayed value, the deleted status and the survivor.
///
/// Every statement is prepared once per load (one per table, a row's absent fields bound as NULL,
/// which is what leaving the column out stores), and a record's register blob is written in one
/// pass, so a record costs its rows and little else.
struct SnapshotLoader {
    var session: WriteSession
    /// The statements, prepared at the first record.
    private var statements: Statements?
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
            let made = try Schema.entity(record.entity).map { try EntityRows($0, session.db) }
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
                w.varint(UInt64(bitPattern: try session.index(of: v.dot.device)))
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

/// The prepared row insert of one known entity's table: `id`, `deleted`, `survivor` where the
/// entity has one, then every known field but `deleted`, in schema order.
private final class EntityRows {
    let statement: Statement
    /// The argument position and type of each field with a column.
    let columns: [String: (position: Int, type: FieldType)]
    let hasSurvivor: Bool
    /// The arguments, reused from row to row.
    var arguments: [DatabaseValue]

    init(_ schema: EntitySchema, _ db: Database) throws {
        hasSurvivor = schema.type(of: Merger.mergedIntoField) != nil
        var names = ["id", "deleted"] + (hasSurvivor ? ["survivor"] : [])
        var columns: [String: (position: Int, type: FieldType)] = [:]
        for (name, type) in schema.fields where name != Merger.deletedField {
            columns[name] = (names.count, type)
            names.append(name)
        }
        self.columns = columns
        arguments = Array(repeating: .null, count: names.count)
        statement = try db.makeStatement(sql: """
            INSERT INTO \(StoreMigrations.quoted(schema.name)) (\(names.map(StoreMigrations.quoted).joined(separator: ", "))) \
            VALUES (\(Store.placeholders(names.count)))
            """)
    }

    /// Inserts the row of a record: each field's displayed value in its typed column.
    func insert(id: DatabaseValue, hidden: Bool, survivor: RecordID?, fields: [SnapshotRecord.Field]) throws {
        for i in arguments.indices { arguments[i] = .null }
        arguments[0] = id
        arguments[1] = (hidden ? 1 : 0).databaseValue
        if hasSurvivor { arguments[2] = survivor?.databaseValue ?? .null }
        for f in fields {
            guard let column = columns[f.name] else { continue }
            let displayed: Value
            switch f.values.count {
            case 0: continue
            case 1: displayed = f.values[0].value
            default: displayed = Register(values: f.values).value
            }
            arguments[column.position] = ColumnCoding.column(displayed, as: column.type)
        }
        statement.setUncheckedArguments(StatementArguments(arguments))
        try statement.execute()
    }
}
