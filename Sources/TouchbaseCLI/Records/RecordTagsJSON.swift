/// `tag list RECORD --json`: `{"id", "entity", "name", "tags"}`.
struct RecordTagsJSON: Codable {
    var id: String
    var entity: String
    var name: String
    var tags: [String]
}
