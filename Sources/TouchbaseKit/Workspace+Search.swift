import TouchbaseCore
import TouchbaseStore

/// Full-text search over contacts, hubs, reasons and interactions.
extension Workspace {
    /// Finds what someone said: every word must appear as the start of a word, case and accents
    /// ignored; best match first, at most `limit` results.
    public func search(_ text: String, limit: Int = 20) throws -> [SearchResult] {
        guard limit > 0 else { throw WorkspaceError(.outOfRange, field: "limit", detail: "1 or more") }
        return try store.search(text, limit: limit).map(SearchResult.init)
    }
}
