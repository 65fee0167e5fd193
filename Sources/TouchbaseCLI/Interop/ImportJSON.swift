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

    var format: String
    var dryRun: Bool
    var imported: Int
    var updated: Int
    var unchanged: Int
    var hubsCreated: Int
    var skipped: [Item]
    var warnings: [Item]

    init(_ o: ImportOutcome, format: String, dryRun: Bool) {
        self.format = format
        self.dryRun = dryRun
        imported = o.created
        updated = o.updated
        unchanged = o.unchanged
        hubsCreated = o.hubsCreated
        skipped = o.skipped.map(Item.init)
        warnings = o.warnings.map(Item.init)
    }
}
