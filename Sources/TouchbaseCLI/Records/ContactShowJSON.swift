import TouchbaseCore
import TouchbaseKit
import TouchbaseStore

/// `contact show --json`: the contact's object (``Contact``) with `tags`, `memberships`
/// (`[{"hub", "hubName", "role"}]`), `conflicts` (``RecordConflictJSON``) and `interactions` (the five
/// most recent, each a record object) and `timeline` (every interaction with them, newest first, each an
/// ``InteractionJSON`` object) added.
struct ContactShowJSON: Encodable {
    var contact: TouchbaseKit.Contact
    var tags: [String]
    var memberships: [TouchbaseKit.Membership]
    var conflicts: [RecordConflictJSON]
    var interactions: [RecordJSON]
    var timeline: [InteractionJSON]

    private enum Keys: String, CodingKey { case tags, memberships, conflicts, interactions, timeline }
    private enum MembershipKeys: String, CodingKey { case hub, hubName, role }

    func encode(to encoder: any Encoder) throws {
        try contact.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(tags, forKey: .tags)
        var list = c.nestedUnkeyedContainer(forKey: .memberships)
        for m in memberships {
            var o = list.nestedContainer(keyedBy: MembershipKeys.self)
            try o.encode(m.hub.id.hex, forKey: .hub)
            try o.encode(m.hub.name, forKey: .hubName)
            try o.encode(m.role, forKey: .role)
        }
        try c.encode(conflicts, forKey: .conflicts)
        try c.encode(interactions, forKey: .interactions)
        try c.encode(timeline, forKey: .timeline)
    }
}
