import TouchbaseKit

/// The `--json` form of `touchbase contact bulk` (docs/JSON.md, `## contact bulk`).
struct BulkEditJSON: Encodable {
    /// One change to one contact.
    struct Step: Encodable {
        var field: String
        var from: String?
        var to: String?
    }

    /// One contact that changes.
    struct Change: Encodable {
        var id: String
        var name: String
        var organization: String?
        var changes: [Step]
    }

    var applied: Bool
    var matched: Int
    var unchanged: Int
    var contacts: [Change]

    init(_ r: BulkEditResult) {
        applied = r.applied
        matched = r.matched
        unchanged = r.unchanged
        contacts = r.changes.map { c in
            Change(id: c.id.hex, name: c.name, organization: c.organization, changes: c.steps.map(BulkEditJSON.step))
        }
    }

    static func step(_ s: BulkEditResult.Step) -> Step {
        switch s {
        case .stage(let from, let to): return Step(field: "stage", from: from?.rawValue, to: to.rawValue)
        case .voter(let from, let to): return Step(field: "voter", from: from?.rawValue, to: to.rawValue)
        case .tagAdded(let tag): return Step(field: "tags", from: nil, to: tag)
        case .tagRemoved(let tag): return Step(field: "tags", from: tag, to: nil)
        case .cadence(let from, let to): return Step(field: "cadence", from: from.map(String.init), to: to.map(String.init))
        }
    }
}
