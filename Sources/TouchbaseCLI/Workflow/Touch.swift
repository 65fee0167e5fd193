import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseKit
import TouchbaseStore

extension Touchbase {
    /// `touchbase touch`: log an outreach with something to say.
    struct Touch: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "touch",
            abstract: "Log an outreach (a touch) and move the contact to pending.",
            discussion: """
                Never reach out without something to say: give a --reason, or --share one from your \
                library (touchbase reason list). Without either the touch is refused, unless --force, \
                which records it as forced. The first touch of a person is logged as a new touch, later \
                ones as follow-ups. Warns when that reason was already used with that person.
                """)

        @OptionGroup var home: HomeOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: ArgumentHelp("The contact: a name, part of a name, or an id prefix.", valueName: "contact"))
        var contact: String

        @Option(name: .long, help: ArgumentHelp("What you have to say (\"I wrote a blog post on …\").", valueName: "text"))
        var reason: String?

        @Option(name: .long, help: ArgumentHelp("A reason from your library to share (its text or id prefix).", valueName: "reason"))
        var share: String?

        @Option(name: .long, help: ArgumentHelp("How: email, linkedin, phone, text, in person, …", valueName: "channel"))
        var channel: String?

        @Option(name: .long, help: ArgumentHelp("The day it went out (default today).", valueName: "date"))
        var on: String?

        @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Connect minutes it took (default: the kind's, see touchbase config).", valueName: "n"))
        var minutes: Int?

        @Option(name: .long, help: ArgumentHelp("The hub it relates to.", valueName: "hub"))
        var hub: String?

        @Flag(name: .long, help: "Log it even without a reason (recorded as forced).")
        var force = false

        func run() throws {
            let ctx = try CLIContext(home)
            let date = try on.map { try DateInput.parse($0, today: ctx.today) } ?? ctx.today
            let minutes = try LogSupport.minutes(self.minutes)
            let person = try WorkflowSupport.contact(contact, in: ctx)
            let shared = try share.map { try ctx.kit.reason(matching: $0) }
            let hubRecord = try hub.map { try WorkflowSupport.hub($0, in: ctx) }
            let r: TouchOutcome
            do {
                r = try ctx.kit.touch(TouchInput(contact: person.id, reason: reason, share: shared?.id, channel: channel, date: date,
                                                 minutes: minutes, hub: hubRecord?.id, force: force))
            } catch let e as WorkspaceError where e.code == .dateInFuture {
                throw RecordCommandError(InteractionErrorText.futureDate(date, today: ctx.today, what: "a touch"))
            }
            if r.reasonUsedBefore {
                Terminal.warn("warning: you already used this reason with \(person.displayName); nobody should get the same one twice")
            }
            if r.forced { Terminal.warn("warning: logged without something to say (forced)") }
            if !r.missing.isEmpty {
                Terminal.warn("warning: \(person.displayName) has no ask and no offer — don't bother until you have one "
                    + "(touchbase contact edit \(WorkflowSupport.shellWord(person.displayName)) --ask … --offer …)")
            }
            if r.distantDate {
                Terminal.warn("warning: \(date) is more than a year ago; if the year is wrong: touchbase log edit \(InteractionEntry.handle(of: r.interaction)) --on DATE")
            }
            if output.json {
                try JSONOutput.emit(TouchJSON(r, contact: person.id, name: person.displayName))
                return
            }
            let what = r.kind == .newTouch ? "new touch" : "follow-up"
            let said = (reason ?? shared?.displayText).map { ": \"\($0)\"" } ?? ""
            print("Logged a \(what) with \(person.displayName)\(said).")
            if r.stageBefore != r.stageAfter { print("\(person.displayName) is now \(r.stageAfter ?? "pending") (waiting for an answer).") }
        }
    }

    /// `touchbase reply`: the answer came.
    struct Reply: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reply",
            abstract: "Record that a contact answered: pending becomes active and the pending clock stops.",
            discussion: "Marks the latest unanswered outreach as answered and logs a reply (direction in).")

        @OptionGroup var home: HomeOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: ArgumentHelp("The contact who answered.", valueName: "contact"))
        var contact: String

        @Option(name: .long, help: ArgumentHelp("The day the answer came (default today).", valueName: "date"))
        var on: String?

        @Option(name: .long, help: ArgumentHelp("How they answered: email, linkedin, phone, …", valueName: "channel"))
        var channel: String?

        @Option(name: .long, help: ArgumentHelp("What they said, in a line.", valueName: "text"))
        var note: String?

        func run() throws {
            let ctx = try CLIContext(home)
            let date = try on.map { try DateInput.parse($0, today: ctx.today) } ?? ctx.today
            let person = try WorkflowSupport.contact(contact, in: ctx)
            let r: ReplyOutcome
            do {
                r = try ctx.kit.reply(ReplyInput(contact: person.id, date: date, channel: channel, note: note))
            } catch let e as WorkspaceError where e.code == .dateInFuture {
                throw RecordCommandError(InteractionErrorText.futureDate(date, today: ctx.today, what: "a reply"))
            }
            if r.answered == nil { Terminal.warn("note: no outreach to \(person.displayName) was waiting for an answer; logged the reply anyway") }
            if output.json {
                try JSONOutput.emit(ReplyJSON(r, contact: person.id, name: person.displayName))
                return
            }
            if let sent = r.answeredSentOn {
                print("\(person.displayName) answered your outreach of \(sent).")
            } else {
                print("Logged a reply from \(person.displayName).")
            }
            if r.stageBefore != r.stageAfter { print("\(person.displayName) is now \(r.stageAfter ?? "active").") }
        }
    }
}
