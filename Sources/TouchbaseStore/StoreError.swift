import Foundation
import TouchbaseCore

/// Why a Store operation was refused. Nothing is written when one is thrown.
///
/// Match on ``code`` and word it from the typed fields:
///
/// ```swift
/// do {
///     let contact = try store.find("contact", query)
/// } catch let error as StoreError where error.code == .ambiguous {
///     // offer error.candidates
/// }
/// ```
///
/// ``description`` names no client command and carries no personal data: the query, the value,
/// the candidates and the path are in their fields and in ``expandedDescription`` only.
public struct StoreError: Error, LocalizedError, Hashable, Sendable, ExpandedDescribing {
    /// What went wrong.
    public enum Code: String, Hashable, Sendable, CaseIterable {
        /// No database at ``StoreError/path``.
        case notInitialized
        /// A new database was asked for where one already exists (``StoreError/path``).
        case alreadyInitialized
        /// A put whose value (``StoreError/value``) does not fit the field.
        case invalidValue
        /// A put to a field or entity this version does not know.
        case unknownField
        /// No record matches ``StoreError/query``.
        case notFound
        /// Several records match ``StoreError/query``; see ``StoreError/candidates``.
        case ambiguous
        /// The database was written by a newer version of Touchbase (schema ``StoreError/version``).
        case newerDatabase
        /// The database is damaged; ``StoreError/detail`` says how.
        case corrupt
        /// An edit that adds to a list field (emails, phones, URLs) while the list holds concurrent
        /// values: it would keep one of them and drop the others, so it is refused.
        case listInConflict
        /// A snapshot can seed only a database that holds no Changes yet.
        case notEmpty
        /// A re-key would re-issue own Changes (``StoreError/detail``: how many), which needs the whole
        /// change log, and this database compacted it (Protocol/SPEC.md §3.7).
        case logCompacted
        /// Healing a fork derives the state again from the whole log, and this database's log starts
        /// after a snapshot it was seeded from that was not given (Protocol/SPEC.md §3.6).
        case healNeedsSnapshot
        /// Healing a fork would read some of this database's own Changes (``StoreError/detail``: how
        /// many) on a causal past its log lacks, which would drop them (Protocol/SPEC.md §3.6).
        case healWouldDropOwnChanges
    }

    /// What went wrong.
    public let code: Code
    /// The entity concerned (`"contact"`, `"hub"`, `"tag"`): a schema name, never personal data.
    public let entity: String?
    /// The field concerned (`"stage"`, `"emails"`): a schema name, never personal data.
    public let field: String?
    /// The database path. Personal (a home folder names its owner): not in ``description``.
    public let path: String?
    /// The refused value, as text. Personal: not in ``description``.
    public let value: String?
    /// What was looked for (a name, an id prefix). Personal: not in ``description``.
    public let query: String?
    /// The records a query matched, one line each (name and organisation). Personal: not in ``description``.
    public let candidates: [String]
    /// The newer schema version, for ``Code/newerDatabase``.
    public let version: String?
    /// A technical detail without personal data, for ``Code/corrupt``.
    public let detail: String?

    /// Creates an error; prefer the static factories named after the codes.
    public init(_ code: Code, entity: String? = nil, field: String? = nil, path: String? = nil, value: String? = nil,
                query: String? = nil, candidates: [String] = [], version: String? = nil, detail: String? = nil) {
        self.code = code
        self.entity = entity
        self.field = field
        self.path = path
        self.value = value
        self.query = query
        self.candidates = candidates
        self.version = version
        self.detail = detail
    }

    // MARK: - Factories, one per code

    /// No database at `path`.
    public static func notInitialized(path: String) -> StoreError { StoreError(.notInitialized, path: path) }
    /// A database already exists at `path`.
    public static func alreadyInitialized(path: String) -> StoreError { StoreError(.alreadyInitialized, path: path) }
    /// `value` is not valid for `field` of `entity`.
    public static func invalidValue(entity: String, field: String, value: String) -> StoreError {
        StoreError(.invalidValue, entity: entity, field: field, value: value)
    }
    /// `entity` has no field `field` (or `entity` is unknown).
    public static func unknownField(entity: String, field: String) -> StoreError {
        StoreError(.unknownField, entity: entity, field: field)
    }
    /// No `entity` matches `query`.
    public static func notFound(entity: String, query: String) -> StoreError {
        StoreError(.notFound, entity: entity, query: query)
    }
    /// Several `entity` records match `query`.
    public static func ambiguous(entity: String, query: String, candidates: [String]) -> StoreError {
        StoreError(.ambiguous, entity: entity, query: query, candidates: candidates)
    }
    /// The database was written by a newer version (schema `version`).
    public static func newerDatabase(_ version: String) -> StoreError { StoreError(.newerDatabase, version: version) }
    /// The database is damaged; `detail` is technical.
    public static func corrupt(_ detail: String) -> StoreError { StoreError(.corrupt, detail: detail) }
    /// The list `field` of the `entity` holds concurrent values.
    public static func listInConflict(entity: String, field: String) -> StoreError {
        StoreError(.listInConflict, entity: entity, field: field)
    }

    // MARK: - Descriptions

    public var description: String {
        let entity = self.entity ?? "record"
        let field = self.field ?? "field"
        switch code {
        case .notInitialized: return "no Touchbase database at the given path"
        case .alreadyInitialized: return "a Touchbase database already exists at the given path"
        case .invalidValue: return "the value is not a valid \(field) for a \(entity)"
        case .unknownField: return "\(entity) has no field named \(field)"
        case .notFound: return "no \(entity) matches the query"
        case .ambiguous: return "the query matches \(candidates.count) \(entity)s"
        case .newerDatabase: return "this database was written by a newer Touchbase (schema \(version ?? "?")) and cannot be opened"
        case .corrupt: return "the database is damaged: \(detail ?? "unknown cause")"
        case .listInConflict:
            return "the \(entity)'s \(field) are in conflict (different lists from different devices); "
                + "choose or give the whole list first, so that no value is dropped"
        case .notEmpty: return "a snapshot seeds only a database without changes: \(detail ?? "this one has some")"
        case .healNeedsSnapshot:
            return "healing a fork derives this database's state again from its change log, which starts after the snapshot "
                + "it was seeded from, and no snapshot of the shared folder covers what the log lacks; nothing was changed"
        case .healWouldDropOwnChanges:
            return "healing a fork would read \(detail ?? "some") of this database's own changes on changes it has not received; "
                + "nothing was changed"
        case .logCompacted:
            let count = detail.flatMap { Int($0) }
            let what = count.map { "its \($0) own change\($0 == 1 ? "" : "s") that no file of the shared folder holds" } ?? "its own changes that no file of the shared folder holds"
            return "a new device id would have to re-issue \(what), and that needs the whole change log, which was compacted; "
                + "nothing was changed. Keep this database (it still holds them), set up a new one from the shared folder, "
                + "and make those changes again there"
        }
    }

    /// The description with the path, the value, the query and the candidates.
    public var expandedDescription: String {
        var parts = [description]
        if let path { parts.append("path: \(path)") }
        if let value { parts.append("value: \(value)") }
        if let query { parts.append("query: \"\(query)\"") }
        if !candidates.isEmpty { parts.append("candidates: " + candidates.joined(separator: "; ")) }
        return parts.joined(separator: "; ")
    }

    public var errorDescription: String? { description }
}
