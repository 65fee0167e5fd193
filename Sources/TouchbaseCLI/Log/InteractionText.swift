import Foundation
import TouchbaseCore
import TouchbaseKit

/// How an interaction reads in the terminal: a heading line, then each thing said about it on
/// its own lines, wrapped to the terminal's width and never cut.
enum InteractionText {
    /// `new touch`, `follow-up`, `meeting`, … .
    static func kind(_ kind: InteractionKind?) -> String {
        guard let kind else { return "interaction" }
        return kind == .newTouch ? "new touch" : TerminalText.visible(kind.rawValue)
    }

    /// `2026-03-04 14:00  meeting  planned  Alan Turing, with Ben Okri  at PyData  1a2b3c4d`.
    ///
    /// - parameters:
    ///   - about: the contact (and its merged duplicates) whose timeline this is: their own name
    ///     is left out; `nil` in the log, where every name shows.
    static func heading(_ e: InteractionEntry, about: Set<RecordID>? = nil, terminal t: Terminal) -> String {
        let i = e.interaction
        var parts = [t.bold((i.date?.description ?? "(no date)") + (i.time.map { " \(TerminalText.visible($0))" } ?? ""))]
        var what = kind(i.kind)
        let how = [i.direction == "in" ? "in" : nil, i.channel.map { TerminalText.visible($0) }].compactMap { $0 }
        if !how.isEmpty { what += " (" + how.joined(separator: ", ") + ")" }
        parts.append(what)
        if let status = i.status, status != "done" { parts.append(status == "cancelled" ? t.red(status) : t.yellow(status)) }
        if e.isDeleted { parts.append(t.red("deleted")) }
        let people = ([e.contact].compactMap { $0 } + e.others).filter { !(about?.contains($0.id) ?? false) }
        if !people.isEmpty {
            let names = people.map { TerminalText.visible($0.name) }
            parts.append(about == nil ? names[0] + (names.count > 1 ? ", with " + names.dropFirst().joined(separator: ", ") : "")
                                      : "with " + names.joined(separator: ", "))
        }
        if let hub = e.hubName { parts.append("at " + TerminalText.visible(hub)) }
        parts.append(t.dim(e.handle))
        return parts.joined(separator: "  ")
    }

    /// `(label, text)` for everything said about it: reason, exit, learned, next, follow-up,
    /// outcome, answered, minutes; unknown fields from a newer version are left to `log show --json`.
    static func details(_ i: Interaction) -> [(String, String)] {
        var out: [(String, String)] = []
        if let r = i.reason { out.append(("reason", "\"\(r)\"")) }
        if i.forced { out.append(("forced", "went out without something to say")) }
        if let x = i.exitGoal { out.append(("exit", x)) }
        if let l = i.learned { out.append(("learned", l)) }
        if let n = i.nextStep { out.append(("next", n)) }
        if let f = i.followUp { out.append(("follow up", f.description)) }
        if let o = i.outcome { out.append(("outcome", o)) }
        if let a = i.answered { out.append(("answered", a.description)) }
        if let m = i.minutes { out.append(("minutes", String(m))) }
        return out
    }

    /// The detail lines, each `label  text` with the labels aligned, indented by `indent` spaces,
    /// the text wrapped to `width` (continuation lines under the text).
    static func detailLines(_ i: Interaction, indent: Int, width: Int?, terminal t: Terminal) -> [String] {
        let items = details(i)
        let labelWidth = items.map { $0.0.count }.max() ?? 0
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        for (label, text) in items {
            let textWidth = width.map { max(20, $0 - indent - labelWidth - 2) }
            let wrapped = TerminalWidth.wrap(TerminalText.visible(text.replacingOccurrences(of: "\n", with: " ")), width: textWidth)
            for (n, line) in wrapped.enumerated() {
                let head = n == 0 ? t.dim(label.padding(toLength: labelWidth, withPad: " ", startingAt: 0))
                                  : String(repeating: " ", count: labelWidth)
                lines.append(pad + head + "  " + line)
            }
        }
        return lines
    }

    /// A whole entry: its heading and its details below.
    static func block(_ e: InteractionEntry, about: Set<RecordID>? = nil, indent: Int, width: Int?, terminal t: Terminal) -> [String] {
        [String(repeating: " ", count: indent) + heading(e, about: about, terminal: t)]
            + detailLines(e.interaction, indent: indent + 4, width: width, terminal: t)
    }
}
