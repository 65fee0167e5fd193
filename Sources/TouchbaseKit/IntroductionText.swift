import Foundation
import TouchbaseCore

/// The reasons of the touches that ask for a referral or an introduction: something specific to
/// say, as the method wants, that the person can edit before sending.
enum IntroductionText {
    /// A touch to someone linked to an opportunity, before applying.
    static func referral(role: String, organization: String?, asker: OpportunityContactRole) -> String {
        let at = organization.map { " at \($0)" } ?? ""
        switch asker {
        case .referrer: return "I’m about to apply for the \(role) role\(at): would you be willing to refer me?"
        default: return "I’m looking at the \(role) role\(at): could I ask you how the team works, and would you refer me?"
        }
    }

    /// A touch that asks for an introduction at `organization` (for `role` when there is one).
    static func introduction(_ via: IntroductionPath.Via, organization: String, role: String?) -> String {
        let purpose = role.map { " about the \($0) role" } ?? ""
        switch via {
        case .worksThere:
            return "Could you introduce me to someone on the team at \(organization)\(purpose)?"
        case .workedThere:
            return "You know \(organization) from the inside: who there should I talk to\(purpose), and could you introduce me?"
        case .sameHub(let hub, let colleague):
            return "We both know \(colleague) from \(hub): could you introduce me to them\(purpose) at \(organization)?"
        }
    }
}
