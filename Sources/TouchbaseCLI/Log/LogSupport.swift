import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseKit
import TouchbaseStore

/// Finding interactions from what was typed, for the `log` subcommands.
enum LogSupport {
    /// The interaction a handle names.
    static func entry(_ handle: String, in ctx: CLIContext, includeDeleted: Bool = false) throws -> InteractionEntry {
        try ctx.kit.interaction(matching: handle, includeDeleted: includeDeleted)
    }

    /// The planned meeting a handle names, or the only planned meeting of the contact a name
    /// names.
    static func plannedMeeting(_ query: String, in ctx: CLIContext) throws -> InteractionEntry {
        do {
            return try ctx.kit.interaction(matching: query)
        } catch let e as StoreError where e.code == .notFound {
            let person: TouchbaseKit.Contact
            do { person = try ctx.kit.contact(matching: query) } catch let miss as StoreError where miss.code == .notFound {
                throw RecordCommandError("no interaction handle or contact matches \"\(query)\"; see `touchbase log --status planned`")
            }
            let planned = try ctx.kit.plannedMeetings(ofContact: person.id)
            if planned.count == 1 { return planned[0] }
            if planned.isEmpty { throw RecordCommandError("\(TerminalText.visible(person.name)) has no planned meeting; see `touchbase log --contact \(WorkflowSupport.shellWord(person.name))`") }
            throw RecordCommandError("\(TerminalText.visible(person.name)) has \(planned.count) planned meetings; name one by its handle:\n"
                                     + planned.map { "  \($0.handle)  \($0.interaction.date?.description ?? "-")" + ($0.interaction.exitGoal.map { "  exit: \($0)" } ?? "") }
                                        .joined(separator: "\n"))
        }
    }

    /// Minutes as typed (`--minutes -5` included), refused in words when out of range.
    static func minutes(_ n: Int?) throws -> Int? {
        guard let n else { return nil }
        guard WorkflowLimits.minutes.contains(n) else { throw ValidationError(InteractionErrorText.minutes(n)) }
        return n
    }
}
