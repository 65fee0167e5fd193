import TouchbaseCore

/// Hubs as CSV: one row per hub, its schedule as written and its next session when the schedule
/// reads as recurring sessions. Cells a spreadsheet would run as a formula are written as text.
public enum HubCSV {
    /// The columns, in order.
    public static let header = ["id", "name", "kind", "stage", "schedule", "next session", "location", "url", "members", "tags", "notes"]

    /// One hub.
    public struct Row: Hashable, Sendable {
        public var id: String
        public var name: String
        public var kind: String?
        public var stage: String?
        public var schedule: String?
        public var nextSession: String?
        public var location: String?
        public var url: String?
        public var members: Int
        public var tags: [String]
        public var notes: String?

        /// Creates a row.
        public init(id: String, name: String, kind: String? = nil, stage: String? = nil, schedule: String? = nil, nextSession: String? = nil,
                    location: String? = nil, url: String? = nil, members: Int = 0, tags: [String] = [], notes: String? = nil) {
            self.id = id
            self.name = name
            self.kind = kind
            self.stage = stage
            self.schedule = schedule
            self.nextSession = nextSession
            self.location = location
            self.url = url
            self.members = members
            self.tags = tags
            self.notes = notes
        }
    }

    /// The CSV text of `rows` (CRLF line ends; a UTF-8 byte order mark first when asked).
    public static func write(_ rows: [Row], byteOrderMark: Bool = false) -> String {
        let cells = rows.map { r in
            [r.id, r.name, r.kind ?? "", r.stage ?? "", r.schedule ?? "", r.nextSession ?? "", r.location ?? "", r.url ?? "", String(r.members),
             r.tags.joined(separator: "; "), r.notes ?? ""].map(CSVFormulaGuard.protect)
        }
        return (byteOrderMark ? "\u{FEFF}" : "") + CSVWriter.document(header: header, rows: cells)
    }
}
