import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseKit
import TouchbaseStore

extension Touchbase {
    /// `touchbase meet`: put a meeting on the docket.
    struct Meet: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "meet",
            abstract: "Put a meeting on the docket, with what you aim to leave with.",
            discussion: """
                Think about the exit: --exit says what you want to leave the meeting with (an intro, \
                advice, a referral). A contact without an ask or an offer is flagged: don't bother until \
                you have one. A contact not yet on the docket moves there.
                """)

        @OptionGroup var home: HomeOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: ArgumentHelp("The contact you meet.", valueName: "contact"))
        var contact: String

        @Option(name: .long, help: ArgumentHelp("The day (YYYY-MM-DD, tomorrow, +3d, …).", valueName: "date"))
        var on: String

        @Option(name: .long, help: ArgumentHelp("What you aim to leave with (asked on a terminal when missing).", valueName: "text"))
        var exit: String?

        @Option(name: .long, help: ArgumentHelp("The time, HH:MM.", valueName: "time"))
        var at: String?

        @Option(name: .long, help: ArgumentHelp("The hub where you meet.", valueName: "hub"))
        var hub: String?

        @Option(name: .customLong("with"), help: ArgumentHelp("Someone else who will be there (repeatable).", valueName: "contact"))
        var others: [String] = []

        @Option(name: .long, help: ArgumentHelp("meeting, informational or event.", valueName: "kind"))
        var kind: String = "meeting"

        @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Connect minutes it will take (default: the kind's).", valueName: "n"))
        var minutes: Int?

        func run() throws {
            let ctx = try CLIContext(home)
            let date = try DateInput.parse(on, today: ctx.today)
            let time = try at.map(WorkflowSupport.time)
            let minutes = try LogSupport.minutes(self.minutes)
            let kind = try WorkflowSupport.meetingKind(self.kind)
            let person = try WorkflowSupport.contact(contact, in: ctx)
            let hubRecord = try hub.map { try WorkflowSupport.hub($0, in: ctx) }
            let with = try others.map { try WorkflowSupport.contact($0, in: ctx).id }
            var goal = exit?.trimmingCharacters(in: .whitespacesAndNewlines)
            if goal?.isEmpty ?? true, ctx.terminal.interactive {
                goal = WorkflowSupport.ask("What do you aim to leave with?")
            }
            guard let goal, !goal.isEmpty else {
                throw ValidationError("think about the exit: say what you aim to leave with (--exit \"an intro to the hiring manager\")")
            }
            let plan = MeetingPlan(contact: person.id, date: date, exitGoal: goal, time: time, hub: hubRecord?.id, others: with, kind: kind,
                                   minutes: minutes)
            for other in try ctx.kit.plannedMeetings(ofContact: person.id) {
                Terminal.warn("note: a meeting with \(person.displayName) is already planned on \(other.interaction.date?.description ?? "?") (\(other.handle)); "
                              + "to move it instead: touchbase log reschedule \(other.handle) --on DATE")
            }
            let r: MeetingOutcome
            do { r = try ctx.kit.planMeeting(plan) } catch let e as WorkspaceError where e.code == .dateInPast {
                throw RecordCommandError(InteractionErrorText.pastMeeting(date, today: ctx.today, contact: person.displayName))
            }
            if r.distantDate {
                Terminal.warn("warning: \(date) is more than a year ahead; if the year is wrong: touchbase log reschedule \(InteractionEntry.handle(of: r.interaction)) --on DATE")
            }
            if !r.missing.isEmpty {
                Terminal.warn("warning: \(person.displayName) has no \(r.missing.joined(separator: " and no ")) — don't bother until you have one "
                              + "(touchbase contact edit \(WorkflowSupport.shellWord(person.displayName)) --\(r.missing[0]) …)")
            }
            if output.json {
                try JSONOutput.emit(MeetingJSON(r, plan: plan, name: person.displayName))
                return
            }
            let when = date.description + (time.map { " at \($0)" } ?? "") + (hubRecord.map { ", \($0.displayName)" } ?? "")
            print("Meeting with \(person.displayName) on \(when). Exit: \(goal).")
            if r.stageBefore != r.stageAfter { print("\(person.displayName) is now on the docket.") }
        }
    }

    /// `touchbase debrief`: after the meeting.
    struct Debrief: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "debrief",
            abstract: "Debrief a meeting: who was there, what you learned, what is next, when to follow up.",
            discussion: """
                On a terminal, asks for what the flags leave out. In scripts (standard input not a \
                terminal) nothing is asked: missing answers stay empty, but --learned or --next is \
                required. Marks the planned meeting done (or logs one when none was planned) and makes \
                the contact active.
                """)

        @OptionGroup var home: HomeOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: ArgumentHelp("The contact you met.", valueName: "contact"))
        var contact: String

        @Option(name: .customLong("with"), help: ArgumentHelp("Someone else who was there (repeatable).", valueName: "contact"))
        var others: [String] = []

        @Option(name: .long, help: ArgumentHelp("What you learned.", valueName: "text"))
        var learned: String?

        @Option(name: .long, help: ArgumentHelp("What is next.", valueName: "text"))
        var next: String?

        @Option(name: .long, help: ArgumentHelp("When to follow up (YYYY-MM-DD, +1w, …).", valueName: "date"))
        var followUp: String?

        @Option(name: .long, help: ArgumentHelp("How it went, in a line.", valueName: "text"))
        var outcome: String?

        @Option(name: .long, help: ArgumentHelp("The day of the meeting, when none was planned (default today).", valueName: "date"))
        var on: String?

        @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Connect minutes it took (default: the kind's).", valueName: "n"))
        var minutes: Int?

        @Flag(name: .long, help: "Add people named with --with who are not contacts yet (asked on a terminal).")
        var createMissing = false

        func run() throws {
            let ctx = try CLIContext(home)
            let today = ctx.today
            let date = try on.map { try DateInput.parse($0, today: today) }
            var follow = try followUp.map { try DateInput.parse($0, today: today) }
            let minutes = try LogSupport.minutes(self.minutes)
            let person = try WorkflowSupport.contact(contact, in: ctx)
            var (with, newPeople) = try people(others, ctx: ctx)
            var learned = self.learned, next = self.next, outcome = self.outcome
            if ctx.terminal.interactive {
                if let planned = try ctx.kit.plannedMeeting(contact: person.id, on: date) {
                    print("Debrief of the meeting of \(planned.date?.description ?? "?")" + (planned.exitGoal.flatMap { $0.isEmpty ? nil : " (exit: \($0))" } ?? ""))
                }
                if others.isEmpty {
                    while let answer = WorkflowSupport.ask("Who else was there? (names, comma-separated; empty for nobody)") {
                        do {
                            (with, newPeople) = try people(answer.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }, ctx: ctx)
                            break
                        } catch {
                            Terminal.warn(ErrorText.message(for: error) ?? error.localizedDescription)
                        }
                    }
                }
                if learned == nil { learned = WorkflowSupport.ask("What did you learn?") }
                if next == nil { next = WorkflowSupport.ask("What is next?") }
                while follow == nil, let answer = WorkflowSupport.ask("When to follow up? (date, +1w, empty for none)") {
                    do { follow = try DateInput.parse(answer, today: today) } catch { Terminal.warn("\(error)") }
                }
                if outcome == nil { outcome = WorkflowSupport.ask("How did it go? (a line, optional)") }
            }
            var input = TouchbaseKit.Debrief(contact: person.id, date: date, others: with, learned: learned, nextStep: next,
                                             followUp: follow, outcome: outcome, minutes: minutes)
            input.newPeople = newPeople
            let r: DebriefOutcome
            do {
                r = try ctx.kit.debrief(input)
            } catch let e as WorkspaceError where e.code == .alreadyDebriefed {
                let meeting = try e.detail.flatMap(RecordID.init(hex:)).flatMap { try ctx.kit.interaction(id: $0) }
                let message = InteractionErrorText.alreadyDebriefed(meeting, contact: person.displayName)
                guard ctx.terminal.interactive,
                      WorkflowSupport.ask("The meeting of \(meeting?.interaction.date?.description ?? "?") with \(person.displayName) is already debriefed. "
                                          + "Log another meeting today? [y/N]")?.lowercased().hasPrefix("y") == true else {
                    throw RecordCommandError(message)
                }
                input.date = today
                r = try ctx.kit.debrief(input)
            } catch let e as WorkspaceError where e.code == .dateInFuture {
                throw RecordCommandError(InteractionErrorText.futureDate(date ?? today, today: today, what: "a meeting that happened"))
            }
            if output.json {
                try JSONOutput.emit(DebriefJSON(r, contact: person.id, name: person.displayName))
                return
            }
            print(r.wasPlanned ? "Debriefed the meeting of \(r.date) with \(person.displayName)." : "Logged a meeting with \(person.displayName) on \(r.date).")
            if !newPeople.isEmpty { print("Added \(newPeople.map(TerminalText.visible).joined(separator: ", ")) to your contacts (met with \(person.displayName)).") }
            if let follow { print("Follow up on \(follow).") }
            if r.stageBefore != r.stageAfter { print("\(person.displayName) is now \(r.stageAfter ?? "active").") }
        }

        /// The contacts named, and the names that match nobody and are to be added: asked on a
        /// terminal, added with --create-missing, refused otherwise.
        func people(_ names: [String], ctx: CLIContext) throws -> ([RecordID], [String]) {
            var found: [RecordID] = [], missing: [String] = []
            for name in names where !name.isEmpty {
                do { found.append(try WorkflowSupport.contact(name, in: ctx).id) } catch let e as StoreError where e.code == .notFound {
                    if createMissing {
                        missing.append(name)
                    } else if ctx.terminal.interactive,
                              WorkflowSupport.ask("Nobody is called \"\(name)\". Add \(name) as a new contact? [y/N]")?.lowercased().hasPrefix("y") == true {
                        missing.append(name)
                    } else {
                        throw RecordCommandError("no contact matches \"\(name)\" (--with); to add them as a new contact met at this meeting, "
                                                 + "give --create-missing, or add them first: touchbase contact add \(WorkflowSupport.shellWord(name))")
                    }
                }
            }
            return (found, missing)
        }
    }
}
