import Foundation
import TouchbaseCore
import TouchbaseKit

/// `board --opportunities`: every opportunity under its stage.
enum OpportunityBoardView {
    static func text(_ board: OpportunityBoard, terminal t: Terminal, today: CalendarDate) -> TextBlock {
        var out: [String] = []
        let titles = ["researching": "Researching", "applied": "Applied", "interviewing": "Interviewing", "offer": "Offer", "closed": "Closed"]
        let width = min(40, max(12, board.columns.flatMap(\.entries).map { TerminalText.width($0.opportunity.title) }.max() ?? 12))
        for column in board.columns {
            out.append(t.bold("\(titles[column.stage.rawValue] ?? column.stage.rawValue) (\(column.entries.count))"))
            if column.entries.isEmpty { out.append(t.dim("  —")) }
            for e in column.entries {
                let o = e.opportunity
                var next: [String] = []
                if let outcome = o.outcome { next.append(outcome.rawValue) }
                if let step = o.nextStep { next.append("next: \(TerminalText.visible(step))" + (o.nextStepOn.map { " (\($0))" } ?? "")) }
                else if let on = o.nextStepOn { next.append("next step on \(on)") }
                let people = RecordText.count(e.people, "person").replacingOccurrences(of: "persons", with: "people")
                var flags = ""
                if o.stage == .researching, !e.hasReferrer { flags = t.yellow("  ⚠ no referrer yet (touchbase intro \(RecordText.shortID(o.id)))") }
                if let on = o.nextStepOn, on < today, o.isOpen { flags += t.yellow("  ⚠ step overdue") }
                out.append("  " + TerminalText.clip(o.title, to: width).padded(to: width) + "  " + t.dim(people.padded(to: 10)) + "  "
                           + next.joined(separator: "; ") + flags)
            }
            out.append("")
        }
        return TextBlock(out)
    }
}

/// `board --opportunities --json`: `{"columns": [{"stage", "opportunities": [{"opportunity", "people", "hasReferrer"}]}]}`.
struct OpportunityBoardJSON: Encodable {
    struct Entry: Encodable {
        var opportunity: Opportunity
        var people: Int
        var hasReferrer: Bool
    }

    struct Column: Encodable {
        var stage: String
        var opportunities: [Entry]
    }

    var columns: [Column]

    init(_ board: OpportunityBoard) {
        columns = board.columns.map { c in
            Column(stage: c.stage.rawValue, opportunities: c.entries.map { Entry(opportunity: $0.opportunity, people: $0.people, hasReferrer: $0.hasReferrer) })
        }
    }
}
