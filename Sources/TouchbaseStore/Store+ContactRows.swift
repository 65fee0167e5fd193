import Foundation
import GRDB
import TouchbaseCore

/// One contact as the contact table shows it (`contact list`): the few columns it shows and the
/// date of its last done interaction, read by position from the statement, with no record value
/// (a dictionary of every field) made per contact.
public struct ContactRow: Hashable, Sendable {
    /// The contact.
    public var id: RecordID
    /// Its name, `nil` when unset or empty.
    public var name: String?
    /// Its organization, `nil` when unset or empty.
    public var organization: String?
    /// Its stage, `nil` when unset or empty.
    public var stage: String?
    /// Its voter, `nil` when unset or empty.
    public var voter: String?
    /// Whether an ask is set (not empty).
    public var hasAsk: Bool
    /// Whether an offer is set (not empty).
    public var hasOffer: Bool
    /// Whether the contact is deleted.
    public var deleted: Bool
    /// For a merged duplicate: the contact it shows under.
    public var survivor: RecordID?
    /// The date of its last done interaction (see ``Store/lastInteractionDates()``).
    public var lastTouch: CalendarDate?

    /// The name, or the short id when the name is unset (as ``Record/displayName`` of a contact).
    public var displayName: String { name ?? String(id.hex.prefix(8)) }
}

extension Store {
    /// The contacts a query over `contact` selects, in its order, as table rows, with the date of
    /// each one's last done interaction, in one read. The same contacts, order and values as
    /// ``records(_:)`` and ``lastInteractionDates()`` give (the query's `fields` are not used).
    public func contactRows(_ query: RecordQuery) throws -> [ContactRow] {
        var query = query
        query.fields = ContactRow.fields
        let (sql, args) = try query.sql()
        return try writer.read { db in
            let statement = try db.makeStatement(sql: sql)
            var at: [String: CInt] = [:]
            for (i, name) in statement.columnNames.enumerated() where at[name.lowercased()] == nil { at[name.lowercased()] = CInt(i) }
            guard query.entity == Schema.contact.name, let id = at["id"], let deleted = at["deleted"], let survivor = at["survivor"] else {
                throw StoreError.corrupt("bad \(query.entity) row")
            }
            let columns = ContactRow.fields.map { at[$0.lowercased()] ?? -1 }
            let last = try Store.lastInteractions(db, aliases: try Store.survivorMap(db))
            var out: [ContactRow] = []
            let rows = try Row.fetchCursor(statement, arguments: args), column = StepColumns(statement)
            // A text field as the contact shows it: set and not empty.
            func text(_ k: Int) -> String? {
                guard columns[k] >= 0, let s = column.text(columns[k]), !s.isEmpty else { return nil }
                return s
            }
            while try rows.next() != nil {
                guard let rowID = column.id(id), let isDeleted = column.int(deleted) else { throw StoreError.corrupt("bad \(query.entity) row") }
                out.append(ContactRow(id: rowID, name: text(0), organization: text(1), stage: text(2), voter: text(3),
                                      hasAsk: text(4) != nil, hasOffer: text(5) != nil, deleted: isDeleted != 0,
                                      survivor: column.id(survivor), lastTouch: last[rowID]))
            }
            return out
        }
    }
}

extension ContactRow {
    /// The fields a row reads, in the order of its text properties.
    static let fields = ["name", "organization", "stage", "voter", "ask", "offer"]
}
