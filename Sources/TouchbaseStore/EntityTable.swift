import GRDB
import TouchbaseCore

/// The materialized table of one known entity, worked out once: its quoted name, the fields that
/// have a column (every field but `deleted`), in schema order, and its link fields
/// (``Schema/shownUnder``), so the write paths never search the schema or rebuild SQL per field.
struct EntityTable: Sendable {
    /// The entity's schema.
    let schema: EntitySchema
    /// The table name, quoted for SQL.
    let table: String
    /// The fields that have a column, in schema order.
    let columns: [(name: String, type: FieldType)]
    /// The position of each column field in ``columns``.
    let columnIndex: [String: Int]
    /// Each of ``columns``' names quoted for SQL, in the same order: the statements a single edit
    /// writes are built without quoting names again.
    let quotedColumns: [String]
    /// Whether the entity has a `mergedInto` field (and so a `survivor` column).
    let merges: Bool
    /// The link fields of this entity whose records show under their target, with the target entity.
    let links: [(field: String, target: String)]

    init(_ schema: EntitySchema) {
        self.schema = schema
        table = StoreMigrations.quoted(schema.name)
        columns = schema.fields.filter { $0.name != Merger.deletedField }
        columnIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($0.element.name, $0.offset) })
        quotedColumns = columns.map { StoreMigrations.quoted($0.name) }
        merges = schema.type(of: Merger.mergedIntoField) != nil
        links = Schema.shownUnder.filter { $0.entity == schema.name }.map { ($0.field, $0.target) }
    }

    /// Every known entity's table, by entity name.
    static let byName: [String: EntityTable] = Dictionary(uniqueKeysWithValues: Schema.all.map { ($0.name, EntityTable($0)) })

    /// The table of a known entity, `nil` for an entity this version does not know.
    static func named(_ entity: String) -> EntityTable? { byName[entity] }

    /// The statement that creates the row of a record with the given columns (by position in
    /// ``columns``, ascending) unless it exists: `INSERT OR IGNORE …`; arguments: the id, then the
    /// columns' values in that order. (Not an `ON CONFLICT … DO UPDATE` upsert: SQLite runs the
    /// search triggers' `INSERT OR IGNORE` under the upsert's conflict rule, which then fails.)
    func insertSQL(_ positions: [Int]) -> String {
        guard !positions.isEmpty else { return "INSERT OR IGNORE INTO \(table) (id) VALUES (?)" }
        let names = positions.map { quotedColumns[$0] }
        return "INSERT OR IGNORE INTO \(table) (id, \(names.joined(separator: ", "))) VALUES (?\(String(repeating: ", ?", count: names.count)))"
    }

    /// The statement that sets the given columns of an existing row in one go; arguments: the
    /// columns' values, then the id.
    func updateSQL(_ positions: [Int]) -> String {
        let names = positions.map { quotedColumns[$0] }
        return "UPDATE \(table) SET \(names.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?"
    }
}
