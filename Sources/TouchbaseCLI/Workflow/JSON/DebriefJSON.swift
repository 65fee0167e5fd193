import TouchbaseKit

/// `debrief --json`.
struct DebriefJSON: Codable {
    var interaction: String
    var contact: String
    var name: String
    var date: String
    var wasPlanned: Bool
    @EncodesNil var followUp: String?
    @EncodesNil var stage: String?

    init(_ r: DebriefOutcome, contact: RecordID, name: String) {
        interaction = r.interaction.hex
        self.contact = contact.hex
        self.name = name
        date = r.date.description
        wasPlanned = r.wasPlanned
        followUp = r.followUp?.description
        stage = r.stageAfter
    }
}
