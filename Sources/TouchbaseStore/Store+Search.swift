import Foundation
import GRDB
import TouchbaseCore

extension Store {
    /// Full-text search across names, organisations, notes, asks, offers, reasons and debriefs
    /// (what was learned, what is next, the outcome), ignoring case and accents, best match first.
    ///
    /// Every word of `query` must appear, each as a word prefix (`zill` finds "Zillow"). Deleted
    /// records are left out; a merged duplicate's matches show under its survivor, and an
    /// interaction's under its contact. A query with no letter or digit matches nothing.
    ///
    /// ```swift
    /// for hit in try store.search("zillow") { print(hit.title, hit.snippetText) }
    /// ```
    ///
    /// - parameters:
    ///   - query: the words to look for.
    ///   - limit: the most hits to return.
    public func search(_ query: String, limit: Int = 20) throws -> [SearchHit] {
        guard let match = SearchIndex.matchExpression(query), limit > 0 else { return [] }
        // The index is brought up to date first (only the records changed since the last search);
        // the write lock is taken only when something changed, so a search with nothing to
        // re-index never waits behind a sync, of this process or another.
        if try writer.read({ db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM searchDirty)") }) == true {
            // A store opened for reading only brings the index up to date through a writer of its
            // own, opened for that and closed after; its next read sees the refreshed index.
            let refreshing = writer.configuration.readonly ? try Store.open(at: path, environment: environment) : self
            try refreshing.writer.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try SearchIndex.refresh(db)
                    return .commit
                }
            }
        }
        return try writer.read { db in try Store.searchHits(match, limit: limit, db) }
    }

    static func searchHits(_ match: String, limit: Int, _ db: Database) throws -> [SearchHit] {
        // Markers the tokenizer never produces, to cut the snippet into matched and other text.
        let open = "\u{2}", close = "\u{3}"
        let rows = try Row.fetchCursor(db, sql: """
            SELECT d.entity, d.record, snippet(searchText, -1, ?, ?, '…', 16), bm25(searchText, 4.0, 1.0) AS rank
            FROM searchText JOIN searchDoc d ON d.rowid = searchText.rowid
            WHERE searchText MATCH ? ORDER BY rank
            """, arguments: [open, close, match])
        var hits: [SearchHit] = []
        var shownContacts = Set<RecordID>()
        while hits.count < limit, let row = try rows.next() {
            guard let entity: String = row[0], let kind = SearchHit.Kind(rawValue: entity),
                  let id = ColumnCoding.recordID(row[1]), let snippet: String = row[2], let rank: Double = row[3],
                  var record = try Store.record(entity, id: id, db), !record.deleted else { continue }
            var hit = SearchHit(kind: kind, record: id, contact: nil, title: record.displayName, date: nil,
                                interactionKind: nil, snippet: segments(snippet, open: open, close: close), rank: rank)
            switch kind {
            case .contact:
                if let survivor = record.survivor {
                    guard let s = try Store.record("contact", id: survivor, db), !s.deleted else { continue }
                    record = s
                    hit.record = survivor
                    hit.title = s.displayName
                }
                // One hit per person: the best one.
                guard shownContacts.insert(record.id).inserted else { continue }
                hit.contact = record.id
            case .interaction:
                guard let contactID = record["contact"].ref, var contact = try Store.record("contact", id: contactID, db) else { continue }
                if let survivor = contact.survivor, let s = try Store.record("contact", id: survivor, db) { contact = s }
                guard !contact.deleted else { continue }
                hit.contact = contact.id
                hit.title = contact.displayName
                hit.date = record["date"].date
                hit.interactionKind = record.text("kind")
            case .hub, .reason:
                break
            }
            hits.append(hit)
        }
        return hits
    }

    /// Cuts an FTS5 snippet at its markers.
    static func segments(_ snippet: String, open: String, close: String) -> [SearchHit.Segment] {
        var out: [SearchHit.Segment] = []
        var rest = Substring(snippet)
        while let start = rest.range(of: open) {
            if start.lowerBound > rest.startIndex { out.append(.init(text: String(rest[..<start.lowerBound]), match: false)) }
            rest = rest[start.upperBound...]
            let end = rest.range(of: close) ?? rest.endIndex..<rest.endIndex
            out.append(.init(text: String(rest[..<end.lowerBound]), match: true))
            rest = rest[end.upperBound...]
        }
        if !rest.isEmpty { out.append(.init(text: String(rest), match: false)) }
        return out
    }
}
