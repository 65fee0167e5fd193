import TouchbaseKit

/// `pace --json`.
struct PaceJSON: Codable {
    /// One bar.
    struct Row: Codable {
        var start: String
        var end: String
        var prep: Int
        var connect: Int
        @EncodesNil var prepShare: Double?
    }

    var from: String
    var to: String
    var granularity: String
    var prep: Int
    var connect: Int
    @EncodesNil var prepShare: Double?
    @EncodesNil var warning: String?
    var rows: [Row]

    init(_ p: PaceSummary) {
        from = p.from.description
        to = p.to.description
        granularity = p.report.granularity.rawValue
        prep = p.report.prep
        connect = p.report.connect
        prepShare = p.report.prepShare
        warning = p.report.warning.map(WorkflowText.warning)
        rows = p.report.rows.map { Row(start: $0.start.description, end: $0.end.description, prep: $0.prep, connect: $0.connect, prepShare: $0.prepShare) }
    }
}
