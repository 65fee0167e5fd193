import TouchbaseKit

/// `touch --json`.
struct TouchJSON: Codable {
    var interaction: String
    var contact: String
    var name: String
    var kind: String
    var date: String
    @EncodesNil var stage: String?
    var forced: Bool
    var reasonUsedBefore: Bool

    init(_ r: TouchOutcome, contact: RecordID, name: String) {
        interaction = r.interaction.hex
        self.contact = contact.hex
        self.name = name
        kind = r.kind.rawValue
        date = r.date.description
        stage = r.stageAfter
        forced = r.forced
        reasonUsedBefore = r.reasonUsedBefore
    }
}
