import TouchbaseKit

/// A dry run's list of people and fields, as text.
enum ImportChangeText {
    static func lines(_ changes: [ImportChange], terminal t: Terminal) -> [String] {
        var out: [String] = []
        var last: RecordID?
        for c in changes {
            if c.contact != last {
                last = c.contact
                if case .created = c.kind {
                    out.append("  + \(c.name)" + t.dim(" (new)"))
                    continue
                }
                out.append("  ~ \(c.name)")
            }
            switch c.kind {
            case .created:
                break
            case .updated(let field, let before, let after):
                out.append("      \(field): \(shown(before)) → \(shown(after))")
            case .keptEdit(let field, let kept, let offered):
                out.append(t.dim("      \(field): keeps your \(shown(kept)) (the file has \(shown(offered)))"))
            case .jobChange(let organization, let role):
                out.append(t.green("      job change: " + [role, organization].compactMap { $0 }.joined(separator: " at ")))
            }
        }
        return out
    }

    static func shown(_ v: Value?) -> String {
        switch v {
        case nil, .null?: return "(empty)"
        case .text(let s)?: return "\"\(TerminalText.clean(s))\""
        case .texts(let list)?: return list.map { TerminalText.clean($0) }.joined(separator: ", ")
        case .date(let d)?: return d.description
        case .int(let i)?: return String(i)
        case let other?: return JSONOutput.render(JSONOutput.value(other))
        }
    }
}
