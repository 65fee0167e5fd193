import Foundation
import TouchbaseCore
import TouchbaseStore

/// Finding a contact, a hub or a reason by what a person types: one rule for every command.
extension Workspace {
    /// The visible record of `entity` named by a full id, a unique id prefix (4+ hex digits), or
    /// its name through ``ContactMatcher`` (case and accents ignored: whole name, part of it, every
    /// word typed). A merged duplicate named by its full id leads to the record that stayed.
    ///
    /// - throws: `StoreError.notFound` whose `candidates` are the nearest names (``NameSuggestion/line``,
    ///   nearest first, possibly none), or `StoreError.ambiguous` listing every candidate.
    package func record(_ entity: String, matching query: String, includeDeleted: Bool = false) throws -> Record {
        let q = query.trimmingCharacters(in: .whitespaces)
        guard !q.isEmpty else { throw StoreError.notFound(entity: entity, query: query) }
        if RecordID(hex: q) != nil, let found = try? store.find(entity, q, includeDeleted: includeDeleted) { return found }
        var request = RecordQuery(entity: entity)
        request.includeHidden = includeDeleted
        let records = try store.records(request).filter { $0.survivor == nil }
        let hexDigits = q.lowercased().filter { $0 != "-" }
        if hexDigits.count >= 4, hexDigits.allSatisfy(\.isHexDigit) {
            let hits = records.filter { $0.id.hex.hasPrefix(hexDigits) }
            if hits.count == 1 { return hits[0] }
            if hits.count > 1 { throw StoreError.ambiguous(entity: entity, query: query, candidates: hits.map(Workspace.line)) }
        }
        let byID = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        switch ContactMatcher(records.map(Workspace.candidate)).match(q) {
        case .one(let c): return byID[c.id]!
        case .several(let cs):
            throw StoreError.ambiguous(entity: entity, query: query, candidates: cs.compactMap { byID[$0.id] }.map(Workspace.line))
        case .none(let suggestions):
            throw StoreError(.notFound, entity: entity, query: query, candidates: suggestions.map(\.line))
        }
    }

    /// The names of `entity` nearest to `query` that could be meant, nearest first (a typing slip,
    /// accents and case ignored).
    public func nameSuggestions(_ entity: String = "contact", for query: String, limit: Int = 3) throws -> [NameSuggestion] {
        try ContactMatcher(store.records(RecordQuery(entity: entity)).filter { $0.survivor == nil }.map(Workspace.candidate))
            .suggestions(for: query, limit: limit)
    }

    static func candidate(_ r: Record) -> ContactMatcher.Candidate {
        ContactMatcher.Candidate(id: r.id, name: r.displayName, organization: r.text("organization"))
    }

    static func line(_ r: Record) -> String {
        var parts = [String(r.id.hex.prefix(8)), r.displayName]
        if let org = r.text("organization") { parts.append("(\(org))") }
        return parts.joined(separator: "  ")
    }
}
