import ArgumentParser
import TouchbaseCore
import TouchbaseKit

/// The fields of an opportunity as options, shared by `opp add` and `opp edit`.
struct OpportunityFieldOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The organisation.", valueName: "org"))
    var org: String?

    @Option(name: .long, help: ArgumentHelp("The stage: \(Schema.opportunityStages.dropLast().joined(separator: ", ")).", valueName: "stage"))
    var stage: String?

    @Option(name: .long, help: ArgumentHelp("The posting's web address (empty to clear).", valueName: "url"))
    var url: String?

    @Option(name: .long, help: ArgumentHelp("The day you applied (YYYY-MM-DD, today, -3d; empty to clear).", valueName: "date"))
    var applied: String?

    @Option(name: .customLong("next"), help: ArgumentHelp("What to do next (empty to clear).", valueName: "text"))
    var nextStep: String?

    @Option(name: .customLong("next-on"), help: ArgumentHelp("When to do it (YYYY-MM-DD, tomorrow, +3d; empty to clear).", valueName: "date"))
    var nextStepOn: String?

    @Option(name: .long, help: ArgumentHelp("Notes (empty to clear).", valueName: "text"))
    var notes: String?

    static func date(_ text: String?, today: CalendarDate) throws -> FieldEdit<CalendarDate>? {
        guard let text else { return nil }
        if text.trimmingCharacters(in: .whitespaces).isEmpty { return .clear }
        return .set(try DateInput.parse(text, today: today))
    }

    static func text(_ text: String?) -> FieldEdit<String>? {
        guard let text else { return nil }
        return text.trimmingCharacters(in: .whitespaces).isEmpty ? .clear : .set(text)
    }
}

/// Contacts to link, by role, as options.
struct OpportunityPeopleOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A contact who can refer you (repeatable).", valueName: "contact"))
    var referrer: [String] = []

    @Option(name: .customLong("works-there"), help: ArgumentHelp("A contact who works there (repeatable).", valueName: "contact"))
    var worksThere: [String] = []

    @Option(name: .long, help: ArgumentHelp("A recruiter for the role (repeatable).", valueName: "contact"))
    var recruiter: [String] = []

    @Option(name: .long, help: ArgumentHelp("An interviewer (repeatable).", valueName: "contact"))
    var interviewer: [String] = []

    /// The links, contacts found by name or id.
    func links(_ kit: Workspace) throws -> [OpportunityLinkInput] {
        var out: [OpportunityLinkInput] = []
        for (names, role) in [(worksThere, OpportunityContactRole.worksThere), (referrer, .referrer), (recruiter, .recruiter),
                              (interviewer, .interviewer)] {
            for name in names { out.append(OpportunityLinkInput(contact: try kit.contact(matching: name).id, role: role)) }
        }
        return out
    }
}
