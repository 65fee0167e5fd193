import ArgumentParser
import TouchbaseCore
import TouchbaseKit

/// Reading what was typed for an opportunity into the kit's words, and the kit's refusals into the
/// terminal's.
enum OpportunityInput {
    static func stage(_ text: String) throws -> OpportunityStage {
        do { return try OpportunityStage(parsing: text) } catch is WorkspaceError {
            throw ValidationError("--stage must be one of \(Schema.opportunityStages.joined(separator: ", ")); not \"\(text)\"")
        }
    }

    static func outcome(_ text: String) throws -> OpportunityOutcome {
        do { return try OpportunityOutcome(parsing: text) } catch is WorkspaceError {
            throw ValidationError("the outcome must be one of \(Schema.opportunityOutcomes.joined(separator: ", ")); not \"\(text)\"")
        }
    }

    static func role(_ text: String) throws -> OpportunityContactRole {
        do { return try OpportunityContactRole(parsing: text) } catch is WorkspaceError {
            throw ValidationError("--as must be one of \(Schema.opportunityContactRoles.joined(separator: ", ")); not \"\(text)\"")
        }
    }

    /// The terminal's words for a refused opportunity edit.
    static func worded(_ error: WorkspaceError) -> any Error {
        switch (error.code, error.field) {
        case (.emptyValue, "role"?): return ValidationError("an opportunity needs a role")
        case (.emptyValue, "organization"?): return ValidationError("an opportunity needs an organisation (--org)")
        case (.emptyValue, _): return ValidationError("nothing to change: give at least one field to edit")
        case (.malformed, "url"?): return ValidationError("--url is not a web address")
        case (.stageMismatch, _): return ValidationError("to close an opportunity, use `touchbase opp close OPP OUTCOME`")
        case (.notLinked, _): return RecordCommandError("that contact is not linked to this opportunity")
        case (.notDeleted, _): return RecordCommandError("this opportunity is not deleted")
        default: return RecordCommandError(error.description)
        }
    }

    /// Runs a kit call, wording its refusal.
    static func run<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as WorkspaceError { throw worded(e) }
    }

    /// `Data Engineer at Northwind (1a2b3c4d)`.
    static func named(_ o: Opportunity) -> String { RecordText.named(o.title, o.id) }

    /// `researching`, `closed (rejected)`.
    static func stage(of o: Opportunity) -> String {
        o.stage == .closed ? "closed" + (o.outcome.map { " (\($0.rawValue))" } ?? "") : o.stage.rawValue
    }
}
