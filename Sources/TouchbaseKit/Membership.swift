import TouchbaseCore
import TouchbaseStore

/// A contact's membership of a hub, with both ends read (a membership made on a duplicate since
/// merged shows under the contact that stayed).
public struct Membership: Identifiable, Hashable, Sendable {
    /// The membership's id, derived from the pair (one membership per contact and hub).
    public let id: RecordID
    /// The member.
    public var contact: Contact
    /// The hub.
    public var hub: Hub
    /// The member's role in the hub (organizer, speaker, …), if any.
    public var role: String?
    /// Every field of the membership record as stored.
    public var fields: [String: Value]

    /// A membership view.
    public init(id: RecordID, contact: Contact, hub: Hub, role: String?, fields: [String: Value] = [:]) {
        self.id = id
        self.contact = contact
        self.hub = hub
        self.role = role
        self.fields = fields
    }

    /// The view of the Store's joined membership.
    package init(_ m: TouchbaseStore.Membership) {
        self.init(id: m.record.id, contact: Contact(m.contact), hub: Hub(m.hub), role: m.role, fields: m.record.values)
    }
}
