import TouchbaseCore

/// A record whose name is near one that matched nothing ("did you mean …?"), nearest first.
public struct NameSuggestion: Hashable, Sendable {
    /// The record's id.
    public var id: RecordID
    /// Its name as stored.
    public var name: String
    /// Its organisation, when it has one (contacts).
    public var organization: String?
    /// How far the name is from what was typed (edits between the two, accents and case ignored).
    public var distance: Int

    /// Creates a suggestion.
    public init(id: RecordID, name: String, organization: String? = nil, distance: Int) {
        self.id = id
        self.name = name
        self.organization = organization
        self.distance = distance
    }

    /// One line naming it: short id, name, organisation (the form of the candidates a Store error lists).
    public var line: String {
        var parts = [String(id.hex.prefix(8)), name]
        if let organization { parts.append("(\(organization))") }
        return parts.joined(separator: "  ")
    }
}
