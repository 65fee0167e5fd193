import TouchbaseKit

/// One element of `dupes --json`.
struct DuplicateJSON: Codable {
    /// A contact of the group.
    struct Member: Codable {
        var id: String
        var name: String
    }

    var survivor: Member
    var duplicates: [Member]
    var reasons: [String]
    var commands: [String]

    init(_ g: DuplicateGroup) {
        survivor = Member(id: g.survivor.id.hex, name: g.survivor.name)
        duplicates = g.duplicates.map { Member(id: $0.id.hex, name: $0.name) }
        reasons = g.reasons.map(WorkflowText.duplicate)
        commands = g.duplicates.map { DuplicateJSON.command($0.id, into: g.survivor.id) }
    }

    /// The merge command that would fix a duplicate.
    static func command(_ dup: RecordID, into survivor: RecordID) -> String {
        "touchbase contact merge \(String(dup.hex.prefix(12))) --into \(String(survivor.hex.prefix(12)))"
    }
}
