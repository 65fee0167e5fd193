import Foundation
import GRDB
import TouchbaseCore

extension Store {
    /// One record by id (hidden ones included), or `nil`.
    public func record(_ entity: String, id: RecordID) throws -> Record? {
        try writer.read { db in try Store.record(entity, id: id, db) }
    }

    /// Records matching a query.
    public func records(_ query: RecordQuery) throws -> [Record] {
        let (sql, args) = try query.sql()
        return try writer.read { db in
            let statement = try db.makeStatement(sql: sql)
            let decoder = try RecordDecoder(entity: query.entity, columns: statement.columnNames)
            var out: [Record] = []
            let rows = try Row.fetchCursor(statement, arguments: args)
            // Each row's columns read straight from the statement the cursor has just stepped.
            let sqliteStatement = statement.sqliteStatement
            while try rows.next() != nil {
                out.append(try decoder.decode { DatabaseValue(sqliteStatement: sqliteStatement, index: CInt($0)) })
            }
            return out
        }
    }

    /// Finds one visible record by full id, unique id prefix (4+ hex digits), exact name
    /// (case-insensitive) or unique part of a name. A merged duplicate leads to its survivor.
    ///
    /// - throws: ``StoreError/notFound(entity:query:)``, or ``StoreError/ambiguous(entity:query:candidates:)``
    ///   listing every candidate with its id.
    public func find(_ entity: String, _ query: String, includeDeleted: Bool = false) throws -> Record {
        let q = query.trimmingCharacters(in: .whitespaces)
        guard !q.isEmpty, let schema = Schema.entity(entity) else { throw StoreError.notFound(entity: entity, query: query) }
        let table = StoreMigrations.quoted(entity)
        let visible = includeDeleted ? "1" : "deleted = 0"
        let nameField = ["name", "text", "what", "key"].first { schema.type(of: $0) != nil } ?? "id"
        return try writer.read { db in
            func follow(_ r: Record) throws -> Record {
                if let s = r.survivor, let survivor = try Store.record(entity, id: s, db) { return survivor }
                return r
            }
            if let id = RecordID(hex: q), let r = try Store.record(entity, id: id, db), includeDeleted || !r.deleted { return try follow(r) }
            let hexDigits = q.lowercased().filter { $0 != "-" }
            if hexDigits.count >= 4, hexDigits.allSatisfy({ $0.isHexDigit }) {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE \(visible) AND lower(hex(id)) LIKE ? LIMIT 20", arguments: [hexDigits + "%"])
                if rows.count == 1 { return try follow(try Store.decode(entity, rows[0])) }
                if rows.count > 1 { throw StoreError.ambiguous(entity: entity, query: query, candidates: try rows.map { try Store.describe(Store.decode(entity, $0)) }) }
            }
            let hidden = schema.type(of: Merger.mergedIntoField) != nil ? " AND survivor IS NULL" : ""
            var rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE \(visible)\(hidden) AND \(StoreMigrations.quoted(nameField)) = ? COLLATE NOCASE LIMIT 20", arguments: [q])
            if rows.isEmpty {
                let escaped = q.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
                rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE \(visible)\(hidden) AND \(StoreMigrations.quoted(nameField)) LIKE ? ESCAPE '\\' LIMIT 20", arguments: ["%\(escaped)%"])
            }
            if rows.count == 1 { return try Store.decode(entity, rows[0]) }
            if rows.isEmpty { throw StoreError.notFound(entity: entity, query: query) }
            throw StoreError.ambiguous(entity: entity, query: query, candidates: try rows.map { try Store.describe(Store.decode(entity, $0)) })
        }
    }

    static func describe(_ r: Record) -> String {
        var parts = [String(r.id.hex.prefix(8)), r.displayName]
        if let org = r.text("organization") { parts.append("(\(org))") }
        return parts.joined(separator: "  ")
    }

    static func record(_ entity: String, id: RecordID, _ db: Database) throws -> Record? {
        guard Schema.entity(entity) != nil else { return nil }
        return try Row.fetchOne(db, sql: "SELECT * FROM \(StoreMigrations.quoted(entity)) WHERE id = ?", arguments: [id])
            .map { try decode(entity, $0) }
    }

    static func decode(_ entity: String, _ row: Row) throws -> Record {
        try RecordDecoder(entity: entity, columns: Array(row.columnNames)).decode(row)
    }

    /// Every register of a record, with all surviving values.
    public func registers(of record: RecordKey) throws -> [String: Register] {
        try writer.read { db in try WriteSession(db).registers(of: record) }
    }

    /// The names of known devices (from `init` and their device cards).
    public func deviceNames() throws -> [DeviceID: String] {
        try writer.read { db in
            var out: [DeviceID: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, name FROM device") {
                if let raw = ID128(bytes: [UInt8](row["id"] as Data)), let name: String = row["name"] { out[DeviceID(raw)] = name }
            }
            return out
        }
    }
}

/// Decodes rows of one entity's table by column position, the positions looked up once per
/// statement (a lookup by name per field per row cost about a tenth of `contact list` on 10,000
/// contacts). Fields whose column the statement does not select are left unset.
struct RecordDecoder {
    let entity: String
    let fields: [(name: String, type: FieldType, index: Int)]
    let id: Int
    let deleted: Int
    let survivor: Int?

    init(entity: String, columns: [String]) throws {
        guard let schema = Schema.entity(entity) else { throw StoreError.corrupt("bad \(entity) row") }
        var index: [String: Int] = [:]
        for (i, name) in columns.enumerated() where index[name.lowercased()] == nil { index[name.lowercased()] = i }
        guard let id = index["id"], let deleted = index["deleted"] else { throw StoreError.corrupt("bad \(entity) row") }
        self.entity = entity
        self.id = id
        self.deleted = deleted
        survivor = index["survivor"]
        fields = schema.fields.compactMap { field in
            guard field.name != Merger.deletedField, let i = index[field.name.lowercased()] else { return nil }
            return (field.name, field.type, i)
        }
    }

    func decode(_ row: Row) throws -> Record {
        try decode { row[$0] }
    }

    /// A record from the value of each column, by position.
    func decode(_ column: (Int) -> DatabaseValue) throws -> Record {
        guard let id = ColumnCoding.recordID(column(self.id)), let deleted = Int64.fromDatabaseValue(column(deleted)) else {
            throw StoreError.corrupt("bad \(entity) row")
        }
        var values: [String: Value] = [:]
        values.reserveCapacity(fields.count)
        for field in fields {
            let v = ColumnCoding.value(column(field.index), as: field.type)
            if v != .null { values[field.name] = v }
        }
        let survivor = self.survivor.flatMap { ColumnCoding.recordID(column($0)) }
        return Record(entity: entity, id: id, values: values, deleted: deleted != 0, survivor: survivor)
    }
}
