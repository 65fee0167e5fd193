/// An answer that came in.
public struct ReplyInput: Hashable, Sendable {
    /// The contact who answered.
    public var contact: RecordID
    /// The day it came; `nil` for today.
    public var date: CalendarDate?
    /// How they answered.
    public var channel: String?
    /// What they said, in a line.
    public var note: String?

    /// Creates a reply.
    public init(contact: RecordID, date: CalendarDate? = nil, channel: String? = nil, note: String? = nil) {
        self.contact = contact
        self.date = date
        self.channel = channel
        self.note = note
    }
}
