import Foundation
import TouchbaseCore
import TouchbaseKit

/// What opportunities add to `today`: their due next steps and the touches to make before applying.
enum OpportunityDayView {
    static func text(_ day: OpportunityDay, terminal t: Terminal) -> TextBlock {
        var out: [String] = []
        if !day.dueSteps.isEmpty {
            out.append("")
            out.append(t.bold("Opportunity steps due"))
            for s in day.dueSteps {
                let late = s.overdueDays == 0 ? "due today" : "\(WorkflowSupport.days(s.overdueDays)) late"
                let title = s.organization.map { "\(s.role) at \($0)" } ?? s.role
                out.append("  \(TerminalText.visible(title))" + t.dim(" (\(s.stage.rawValue)) — \(late)") + " — next: \(TerminalText.visible(s.step))")
            }
        }
        if !day.referralTouches.isEmpty {
            out.append("")
            out.append(t.bold("Before you apply: ask for a referral"))
            for p in day.referralTouches {
                out.append("  → \(TerminalText.visible(p.name))" + t.dim(" — \(p.role.rawValue), \(TerminalText.visible(p.title))"))
                out.append(t.dim("      touchbase touch \(WorkflowSupport.shellWord(p.name)) --reason \(WorkflowSupport.shellWord(p.suggestedReason))"))
            }
        }
        return TextBlock(out)
    }
}

/// The `opportunities` key of `today --json`, present when there is something to show:
/// `{"dueSteps": [...], "referralTouches": [...]}`.
struct OpportunityDayJSON: Codable {
    struct Step: Codable {
        var opportunity: String
        var role: String
        var organization: String?
        var stage: String
        var step: String
        var date: String
        var overdueDays: Int
    }

    struct Referral: Codable {
        var opportunity: String
        var title: String
        var contact: String
        var name: String
        var role: String
        var suggestedReason: String
    }

    var dueSteps: [Step]
    var referralTouches: [Referral]

    /// The JSON of a day, `nil` when it has nothing.
    static func make(_ day: OpportunityDay) -> OpportunityDayJSON? {
        guard !day.isEmpty else { return nil }
        return OpportunityDayJSON(
            dueSteps: day.dueSteps.map {
                Step(opportunity: $0.opportunity.hex, role: $0.role, organization: $0.organization, stage: $0.stage.rawValue, step: $0.step,
                     date: $0.date.description, overdueDays: $0.overdueDays)
            },
            referralTouches: day.referralTouches.map {
                Referral(opportunity: $0.opportunity.hex, title: $0.title, contact: $0.contact.hex, name: $0.name, role: $0.role.rawValue,
                         suggestedReason: $0.suggestedReason)
            })
    }
}
