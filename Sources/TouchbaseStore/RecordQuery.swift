import Foundation
import GRDB
import TouchbaseCore

/// A listing of one entity's records with filters, run by ``Store/records(_:)``.
public struct RecordQuery: Sendable {
    /// The entity listed.
    public var entity: String
    /// Include deleted records and merged duplicates.
    public var includeHidden = false
    /// Field equals value (texts/choices compare case-insensitively).
    public var equals: [(field: String, value: Value)] = []
    /// Case-insensitive substring over the text fields.
    public var text: String?
    /// Only records tagged with this tag (by derived tag id).
    public var tag: String?
    /// Only contacts that are members of this hub.
    public var hub: RecordID?
    /// Sort field (default: `name` when the entity has one).
    public var orderBy: String?
    /// Maximum number of rows.
    public var limit: Int?
    /// The fields read into each record, `nil` for all of them. A listing that shows a few
    /// columns reads only those (filters still apply to every field).
    public var fields: [String]?

    /// A query over all visible records of `entity`.
    public init(entity: String) { self.entity = entity }

    func sql() throws -> (String, StatementArguments) {
        guard let schema = Schema.entity(entity) else { throw StoreError.unknownField(entity: entity, field: "*") }
        let table = StoreMigrations.quoted(entity)
        var clauses: [String] = []
        var args = StatementArguments()
        if !includeHidden {
            clauses.append("deleted = 0")
            if schema.type(of: Merger.mergedIntoField) != nil { clauses.append("survivor IS NULL") }
        }
        for (field, value) in equals {
            guard let type = schema.type(of: field) else { throw StoreError.unknownField(entity: entity, field: field) }
            if case .text(let s) = value {
                clauses.append("\(StoreMigrations.quoted(field)) = ? COLLATE NOCASE")
                _ = args.append(contentsOf: [s])
            } else if value == .null {
                clauses.append("\(StoreMigrations.quoted(field)) IS NULL")
            } else {
                clauses.append("\(StoreMigrations.quoted(field)) = ?")
                _ = args.append(contentsOf: [ColumnCoding.column(value, as: type)])
            }
        }
        if let text, !text.isEmpty {
            let textFields = schema.fields.filter {
                switch $0.type { case .text, .texts, .choice: return true; default: return false }
            }.map { "COALESCE(\(StoreMigrations.quoted($0.name)), '')" }
            clauses.append("(" + textFields.joined(separator: " || ' ' || ") + ") LIKE ? ESCAPE '\\'")
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            _ = args.append(contentsOf: ["%\(escaped)%"])
        }
        // Tags and memberships of a merged duplicate show under its survivor.
        let mergeable = schema.type(of: Merger.mergedIntoField) != nil
        func linked(_ subquery: String, _ key: RecordID) {
            if mergeable {
                clauses.append("id IN (\(subquery)) OR id IN (SELECT survivor FROM \(table) WHERE survivor IS NOT NULL AND id IN (\(subquery)))")
                _ = args.append(contentsOf: [key, key])
            } else {
                clauses.append("id IN (\(subquery))")
                _ = args.append(contentsOf: [key])
            }
        }
        if let tag { linked("SELECT target FROM tagging WHERE tag = ? AND deleted = 0", Schema.tagID(tag)) }
        if let hub { linked("SELECT contact FROM membership WHERE hub = ? AND deleted = 0", hub) }
        var columns = "*"
        if let fields {
            var names = ["id", "deleted"]
            if schema.type(of: Merger.mergedIntoField) != nil { names.append("survivor") }
            for field in fields where field != Merger.deletedField && !names.contains(field) {
                guard schema.type(of: field) != nil else { throw StoreError.unknownField(entity: entity, field: field) }
                names.append(field)
            }
            columns = names.map(StoreMigrations.quoted).joined(separator: ", ")
        }
        var sql = "SELECT \(columns) FROM \(table)"
        if !clauses.isEmpty { sql += " WHERE " + clauses.map { "(\($0))" }.joined(separator: " AND ") }
        let order = orderBy ?? (schema.type(of: "name") != nil ? "name" : nil)
        if let order, schema.type(of: order) != nil { sql += " ORDER BY \(StoreMigrations.quoted(order)) COLLATE NOCASE, id" }
        if let limit { sql += " LIMIT \(limit)" }
        return (sql, args)
    }
}
