import TouchbaseCore
import TouchbaseKit

/// Says in words what each change in a record's history did to it.
struct HistoryLines {
    /// The contact or hub whose history is shown.
    let subject: RecordID
    /// Whether it is a hub (its memberships read "Ada joined", not "joined PyData").
    let isHub: Bool
    let kit: Workspace

    /// What a change did, in words, one phrase per record: `name = "Ada", stage = "want"`,
    /// `tagged mentors`, `joined PyData`, `deleted`, `duplicate 1a2b3c4d: merged into Ada`.
    func describe(_ change: RecordChange) -> [String] {
        change.events.map { event in
            switch event {
            case .tagged(let tag): return "tagged \(tag ?? "?")"
            case .untagged(let tag): return "untagged \(tag ?? "?")"
            case .joined(let contact, let hub, let role):
                let role = role.map { " as \($0)" } ?? ""
                return isHub ? "\(contact.map(name) ?? "?") joined\(role)" : "joined \(hub.map(name) ?? "?")\(role)"
            case .left(let contact, let hub):
                return isHub ? "\(contact.map(name) ?? "?") left" : "left \(hub.map(name) ?? "?")"
            case .fields(let duplicate, let changes):
                let prefix = duplicate.map { "duplicate \(RecordText.shortID($0)): " } ?? ""
                return prefix + changes.map(field).joined(separator: ", ")
            }
        }
    }

    private func field(_ change: FieldChange) -> String {
        switch change {
        case .deleted: return "deleted"
        case .restored: return "restored"
        case .mergedInto(let id): return "merged into \(name(id))"
        case .unmerged: return "unmerged"
        case .cleared(let field): return "cleared \(RecordText.label(field))"
        case .set(let field, .ref(let id)): return "\(RecordText.label(field)) = \(name(id))"
        case .set(let field, let value): return "\(RecordText.label(field)) = \"\(value.description)\""
        }
    }

    private func name(_ id: RecordID) -> String {
        ((try? kit.recordName(id)) ?? nil) ?? RecordText.shortID(id)
    }
}
