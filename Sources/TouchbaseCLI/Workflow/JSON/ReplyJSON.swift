import TouchbaseKit

/// `reply --json`.
struct ReplyJSON: Codable {
    var interaction: String
    var contact: String
    var name: String
    @EncodesNil var answered: String?
    @EncodesNil var stage: String?

    init(_ r: ReplyOutcome, contact: RecordID, name: String) {
        interaction = r.interaction.hex
        self.contact = contact.hex
        self.name = name
        answered = r.answered?.hex
        stage = r.stageAfter
    }
}
