import TouchbaseKit

/// The `--json` form of `touchbase import …` (docs/JSON.md, `## import`).
struct ImportJSON: Encodable {
    /// A row or card skipped, or imported with a warning.
    struct Item: Encodable {
        var file: String?
        var line: Int
        var reason: String

        init(_ s: ImportPlan.Skip) {
            file = s.file
            line = s.line
            reason = s.reason
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
