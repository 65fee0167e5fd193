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
        guard !q.isEmpty, let schema = Schema.entity(entity) else { throw StoreError.notFound(entity: entity, query: query) }
        if RecordID(hex: q) != nil, let found = try? store.find(entity, q, includeDeleted: includeDeleted) { return found }
        // Names (and organisations) only: the matched record is read whole afterwards.
        var request = RecordQuery(entity: entity)
        request.includeHidden = true
        request.fields = ["name", "text", "organization"].filter { schema.type(of: $0) != nil }
        let all = try store.records(request).filter { includeDeleted || !$0.deleted }
        func whole(_ r: Record) throws -> Record {
            if let survivor = r.survivor, let s = try store.record(entity, id: survivor) { return s }
            guard let full = try store.record(entity, id: r.id) else { throw StoreError.notFound(entity: entity, query: query) }
            return full
        }
        let hexDigits = q.lowercased().filter { $0 != "-" }
        if hexDigits.count >= 4, hexDigits.allSatisfy(\.isHexDigit) {
            // An id prefix finds a merged duplicate too, and leads to the record that stayed.
            let hits = all.filter { $0.id.hex.hasPrefix(hexDigits) }
            if hits.count == 1 { return try whole(hits[0]) }
            if hits.count > 1 { throw StoreError.ambiguous(entity: entity, query: query, candidates: hits.map(Workspace.line)) }
        }
        let records = all.filter { $0.survivor == nil }
        let byID = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        switch ContactMatcher(records.map(Workspace.candidate)).match(q) {
        case .one(let c): return try whole(byID[c.id]!)
        case .several(let cs):
            throw StoreError.ambiguous(entity: entity, query: query, candidates: cs.compactMap { byID[$0.id] }.map(Workspace.line))
        case .none(let suggestions):
            throw StoreError(.notFound, entity: entity, query: query, candidates: suggestions.map(\.line))
        }
    }

    /// The names of `entity` nearest to `query` that could be meant, nearest first (a typing slip,
    /// accents and case ignored).
    public func nameSuggestions(_ entity: String = "contact", for query: String, limit: Int = 3) throws -> [NameSuggestion] {
        guard let schema = Schema.entity(entity) else { return [] }
        var request = RecordQuery(entity: entity)
        request.fields = ["name", "text", "organization"].filter { schema.type(of: $0) != nil }
        return try ContactMatcher(store.records(request).map(Workspace.candidate)).suggestions(for: query, limit: limit)
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
