import Foundation
import TouchbaseCore

/// Why a Store operation was refused. Nothing is written when one is thrown.
public enum StoreError: Error, LocalizedError, Equatable, Sendable {
    /// No database at the path.
    case notInitialized(path: String)
    /// `init` on a database that already exists.
    case alreadyInitialized(path: String)
    /// A put whose value does not fit the field.
    case invalidValue(entity: String, field: String, value: String)
    /// A put to a field or entity this version does not know.
    case unknownField(entity: String, field: String)
    /// No record matches.
    case notFound(entity: String, query: String)
    /// Several records match a name.
    case ambiguous(entity: String, query: String, candidates: [String])
    /// The database was written by a newer version of Touchbase.
    case newerDatabase(String)
    /// The database is damaged.
    case corrupt(String)
    /// An edit that adds to a list field (emails, phones, URLs) while the list holds concurrent
    /// values: it would keep one of them and drop the others, so it is refused.
    case listInConflict(entity: String, field: String)

    public var errorDescription: String? {
        switch self {
        case .notInitialized(let path):
            return "no Touchbase database at \(path); run `touchbase init` first (or pass --home)"
        case .alreadyInitialized(let path):
            return "a Touchbase database already exists at \(path)"
        case .invalidValue(let entity, let field, let value):
            return "\(value) is not a valid \(field) for a \(entity)"
        case .unknownField(let entity, let field):
            return "\(entity) has no field named \(field)"
        case .notFound(let entity, let query):
            return "no \(entity) matches \"\(query)\""
        case .ambiguous(let entity, let query, let candidates):
            return "\"\(query)\" matches \(candidates.count) \(entity)s; use an id prefix:\n" + candidates.map { "  \($0)" }.joined(separator: "\n")
        case .newerDatabase(let v):
            return "this database was written by a newer Touchbase (schema \(v)); upgrade touchbase"
        case .corrupt(let why):
            return "the database is damaged: \(why)"
        case .listInConflict(let entity, let field):
            return "the \(entity)'s \(field) are in conflict (different lists from different devices); "
                + "choose or give the whole list first, so that no value is dropped"
        }
    }
}
