/// What an import applies beyond the rows themselves: the stage, voter and tags for everyone it
/// brings in, and the source whose last imported values protect the user's edits.
public struct ImportDefaults: Hashable, Sendable {
    /// The stage for people the file brings in who have none (a row's own stage wins).
    public var stage: String?
    /// The voter kind for people the file brings in who have none (a row's own voter wins).
    public var voter: String?
    /// Tags added to everyone in the file.
    public var tags: [String]
    /// The source the rows come from (`linkedin`, `google`, `outlook`, `vcard`, `touchbase`), whose
    /// last imported values are kept per contact (``Schema/imported``). With one, a row without a
    /// Touchbase id updates a field only while the contact still holds what the previous import
    /// from that source wrote (or nothing); `nil` replaces fields as before.
    public var origin: String?
    /// The day, for the job changes an import records.
    public var today: CalendarDate?
    /// Whether the plan lists every person and field that changes (a dry run's report).
    public var listChanges: Bool

    /// Creates defaults; none by default.
    public init(stage: String? = nil, voter: String? = nil, tags: [String] = [], origin: String? = nil, today: CalendarDate? = nil,
                listChanges: Bool = false) {
        self.stage = stage
        self.voter = voter
        self.tags = tags
        self.origin = origin
        self.today = today
        self.listChanges = listChanges
    }
}
