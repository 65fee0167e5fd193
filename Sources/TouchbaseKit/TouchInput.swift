/// An outreach to log: who, what you say, how.
///
/// Never reach out without something to say: a touch needs a ``reason`` or a shared library
/// reason (``share``), unless ``force`` is set (then it is recorded as forced).
public struct TouchInput: Hashable, Sendable {
    /// The contact.
    public var contact: RecordID
    /// What you say. When it matches a library reason (ignoring case), that reason is linked too.
    public var reason: String?
    /// A library reason to share.
    public var share: RecordID?
    /// How: email, linkedin, phone, …
    public var channel: String?
    /// The day it went out; `nil` for today.
    public var date: CalendarDate?
    /// Connect minutes it took (``WorkflowLimits/minutes``); `nil` for the kind's.
    public var minutes: Int?
    /// The hub it relates to.
    public var hub: RecordID?
    /// Log it even without something to say.
    public var force: Bool

    /// Creates a touch.
    public init(contact: RecordID, reason: String? = nil, share: RecordID? = nil, channel: String? = nil, date: CalendarDate? = nil,
                minutes: Int? = nil, hub: RecordID? = nil, force: Bool = false) {
        self.contact = contact
        self.reason = reason
        self.share = share
        self.channel = channel
        self.date = date
        self.minutes = minutes
        self.hub = hub
        self.force = force
    }
}
