import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseKit
import TouchbaseStore

extension Touchbase {
    /// `touchbase meet`: put a meeting on the docket.
    struct Meet: ParsableCommand {
        static let configuration = CommandConfiguration(
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

        @Option(name: .long, help: ArgumentHelp("Connect minutes it will take (default: the kind's).", valueName: "n"))
        var minutes: Int?

        func run() throws {
            let ctx = try CLIContext(home)
            let date = try DateInput.parse(on, today: ctx.today)
            let time = try at.map(WorkflowSupport.time)
            let minutes = try WorkflowSupport.minutes(self.minutes)
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
            let r = try ctx.kit.planMeeting(plan)
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

        @Option(name: .long, help: ArgumentHelp("Connect minutes it took (default: the kind's).", valueName: "n"))
        var minutes: Int?

        func run() throws {
            let ctx = try CLIContext(home)
            let today = ctx.today
            let date = try on.map { try DateInput.parse($0, today: today) } ?? today
            var follow = try followUp.map { try DateInput.parse($0, today: today) }
            let minutes = try WorkflowSupport.minutes(self.minutes)
            let person = try WorkflowSupport.contact(contact, in: ctx)
            var with = try others.map { try WorkflowSupport.contact($0, in: ctx).id }
            var learned = self.learned, next = self.next, outcome = self.outcome
            if ctx.terminal.interactive {
                if let planned = try ctx.kit.plannedMeeting(contact: person.id, on: date) {
                    print("Debrief of the meeting of \(planned.date?.description ?? "?")" + (planned.exitGoal.flatMap { $0.isEmpty ? nil : " (exit: \($0))" } ?? ""))
                }
                if others.isEmpty {
                    while let answer = WorkflowSupport.ask("Who else was there? (names, comma-separated; empty for nobody)") {
                        do {
                            with = try answer.split(separator: ",").map { try WorkflowSupport.contact(String($0).trimmingCharacters(in: .whitespaces), in: ctx).id }
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
            let r = try ctx.kit.debrief(TouchbaseKit.Debrief(contact: person.id, date: date, others: with, learned: learned, nextStep: next,
                                                             followUp: follow, outcome: outcome, minutes: minutes))
            if output.json {
                try JSONOutput.emit(DebriefJSON(r, contact: person.id, name: person.displayName))
                return
            }
            print(r.wasPlanned ? "Debriefed the meeting of \(r.date) with \(person.displayName)." : "Logged a meeting with \(person.displayName) on \(r.date).")
            if let follow { print("Follow up on \(follow).") }
            if r.stageBefore != r.stageAfter { print("\(person.displayName) is now \(r.stageAfter ?? "active").") }
        }
    }
}
