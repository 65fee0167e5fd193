import TouchbaseKit

/// One element of `reason list --json`.
struct ReasonJSON: Codable {
    /// A contact the reason was shared with.
    struct Contact: Codable {
        var id: String
        var name: String
    }

    var id: String
    var text: String
    @EncodesNil var url: String?
    var usedWith: [Contact]

    init(_ u: ReasonUsage) {
        id = u.reason.id.hex
        text = u.reason.displayText
        url = u.reason.url.flatMap { $0.isEmpty ? nil : $0 }
        usedWith = u.usedWith.map { Contact(id: $0.id.hex, name: $0.name) }
    }
}
