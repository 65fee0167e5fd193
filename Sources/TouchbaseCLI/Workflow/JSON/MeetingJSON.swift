import TouchbaseKit

/// `meet --json`.
struct MeetingJSON: Codable {
    var interaction: String
    var contact: String
    var name: String
    var date: String
    @EncodesNil var time: String?
    var exitGoal: String
    @EncodesNil var stage: String?
    var missing: [String]

    init(_ r: MeetingOutcome, plan: MeetingPlan, name: String) {
        interaction = r.interaction.hex
        contact = plan.contact.hex
        self.name = name
        date = plan.date.description
        time = plan.time
        exitGoal = plan.exitGoal
        stage = r.stageAfter
        missing = r.missing
    }
}
