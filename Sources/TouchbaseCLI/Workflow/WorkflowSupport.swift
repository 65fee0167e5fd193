import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseKit
import TouchbaseStore

/// Helpers shared by the workflow commands: finding records, reading answers, formatting.
enum WorkflowSupport {
    /// The visible contact matching `query` (name, part of a name, or id prefix).
    static func contact(_ query: String, in ctx: CLIContext) throws -> Record {
        try ctx.kit.record("contact", matching: query)
    }

    /// The visible hub matching `query`.
    static func hub(_ query: String, in ctx: CLIContext) throws -> Record {
        try ctx.kit.record("hub", matching: query)
    }

    /// A time of day, `HH:MM` (24 h; `9:30` is accepted as `09:30`).
    static func time(_ text: String) throws -> String {
        do { return try DateParser.time(text) } catch is WorkspaceError { throw ValidationError(WorkflowText.malformedTime(text)) }
    }

    /// Minutes typed with `--minutes`.
    static func minutes(_ n: Int?) throws -> Int? {
        do { return try WorkflowLimits.minutes(n) } catch is WorkspaceError {
            throw ValidationError(WorkflowText.minutesOutOfRange(n ?? 0, WorkflowLimits.minutes))
        }
    }

    /// A meeting kind typed with `--kind`.
    static func meetingKind(_ text: String) throws -> InteractionKind {
        do { return try MeetingPlan.kind(parsing: text) } catch is WorkspaceError {
            throw ValidationError("--kind must be meeting, informational or event, not \"\(text)\"")
        }
    }

    /// Asks a question on the terminal; `nil` at end of input. Only call when
    /// ``Terminal/interactive`` is true.
    static func ask(_ question: String) -> String? {
        FileHandle.standardOutput.write(Data((TerminalText.clean(question) + " ").utf8))
        guard let line = readLine(strippingNewline: true) else { return nil }
        let t = line.trimmingCharacters(in: .whitespaces)
        return t.isEmpty ? nil : t
    }

    /// `Monday 2 March 2026`.
    static func longDate(_ d: CalendarDate) -> String {
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return "\(weekday(d)) \(d.day) \(months[d.month - 1]) \(d.year.map(String.init) ?? "")"
    }

    /// `Monday` … `Sunday`.
    static func weekday(_ d: CalendarDate) -> String {
        let names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        guard let n = d.dayNumber else { return "" }
        return names[((n + 3) % 7 + 7) % 7]
    }

    /// `today`, `yesterday`, `3 days ago`, `in 2 days`, or the date.
    static func relative(_ d: CalendarDate?, today: CalendarDate) -> String {
        guard let d else { return "never" }
        guard let n = d.days(until: today) else { return d.description }
        switch n {
        case 0: return "today"
        case 1: return "yesterday"
        case -1: return "tomorrow"
        case 2...60: return "\(n) days ago"
        case -60 ... -2: return "in \(-n) days"
        default: return d.description
        }
    }

    /// A value or JSON null.
    static func json(_ v: Any?) -> Any { v ?? NSNull() }

    /// `12 %`.
    static func percent(_ share: Double?) -> String {
        guard let share else { return "—" }
        return "\(Int((share * 100).rounded())) %"
    }

    /// `12 days` / `1 day`.
    static func days(_ n: Int) -> String { n == 1 ? "1 day" : "\(n) days" }

    /// A name to put on a command line: quoted when it holds spaces or shell characters.
    static func shellWord(_ s: String) -> String {
        if !s.isEmpty, s.allSatisfy({ $0.isLetter || $0.isNumber || "-_.@".contains($0) }) { return s }
        return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

extension WorkflowError: LocalizedError {
    public var errorDescription: String? { description }
}
