import TouchbaseKit

/// The `--json` form of `touchbase import …` (docs/JSON.md, `## import`).
struct ImportJSON: Encodable {
    /// The terminal's words for why a row was left out or warned about.
    static func worded(_ s: ImportPlan.Skip) -> String {
        switch s.cause {
        case .deletedContact(let name)?:
            return "\(name) was deleted in Touchbase; restore it (touchbase contact restore) to import this row"
        case nil:
            return s.reason
        }
    }

    /// A row or card skipped, or imported with a warning.
    struct Item: Encodable {
        var file: String?
        var line: Int
        var reason: String

        init(_ s: ImportPlan.Skip) {
            file = s.file
            line = s.line
            reason = ImportJSON.worded(s)
        }

        /// `file` is `null` for a single file (never left out).
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(file, forKey: .file)
            try c.encode(line, forKey: .line)
            try c.encode(reason, forKey: .reason)
        }

        private enum CodingKeys: String, CodingKey { case file, line, reason }
    }

    /// A person or field changed (or kept) by a dry run.
    struct Change: Encodable {
        var file: String?
        var line: Int
        var contact: String
        var name: String
        /// `created`, `updated`, `kept` (the user's edit stays) or `job-change`.
        var kind: String
        var field: String?
        var before: ValueJSON?
        var after: ValueJSON?

        init(_ c: ImportChange) {
            file = c.file
            line = c.line
            contact = c.contact.hex
            name = c.name
            switch c.kind {
            case .created:
                kind = "created"
            case .updated(let f, let b, let a):
                kind = "updated"; field = f; before = ValueJSON(value: b ?? .null); after = ValueJSON(value: a)
            case .keptEdit(let f, let kept, let offered):
                kind = "kept"; field = f; before = ValueJSON(value: kept); after = ValueJSON(value: offered)
            case .jobChange(let organization, let role):
                kind = "job-change"; field = nil
                after = ValueJSON(value: .text([role, organization].compactMap { $0 }.joined(separator: " at ")))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(file, forKey: .file)
            try c.encode(line, forKey: .line)
            try c.encode(contact, forKey: .contact)
            try c.encode(name, forKey: .name)
            try c.encode(kind, forKey: .kind)
            try c.encode(field, forKey: .field)
            try c.encode(before ?? ValueJSON(value: .null), forKey: .before)
            try c.encode(after ?? ValueJSON(value: .null), forKey: .after)
        }

        private enum CodingKeys: String, CodingKey { case file, line, contact, name, kind, field, before, after }
    }

    var format: String
    var dryRun: Bool
    var imported: Int
    var updated: Int
    var unchanged: Int
    var hubsCreated: Int
    var skipped: [Item]
    var warnings: [Item]
    var jobChanges: Int
    var changes: [Change]

    init(_ o: ImportOutcome, format: String, dryRun: Bool) {
        self.format = format
        self.dryRun = dryRun
        imported = o.created
        updated = o.updated
        unchanged = o.unchanged
        hubsCreated = o.hubsCreated
        skipped = o.skipped.map(Item.init)
        warnings = o.warnings.map(Item.init)
        jobChanges = o.jobChanges
        changes = o.changes.map(Change.init)
    }
}
