import TouchbaseCore
import TouchbaseKit

/// `hub show --json`: the hub's object (``Hub``) with `tags`, `members`
/// (`[{"contact", "name", "role", "voter"}]`), `conflicts` (``RecordConflictJSON``) and `interactions`
/// (those held there, newest first, each an ``InteractionJSON`` object) added.
struct HubShowJSON: Encodable {
    var hub: TouchbaseKit.Hub
    var tags: [String]
    var members: [TouchbaseKit.Membership]
    var conflicts: [RecordConflictJSON]
    var interactions: [InteractionJSON]

    private enum Keys: String, CodingKey { case tags, members, conflicts, interactions }
    private enum MemberKeys: String, CodingKey { case contact, name, role, voter }

    func encode(to encoder: any Encoder) throws {
        try hub.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(tags, forKey: .tags)
        var list = c.nestedUnkeyedContainer(forKey: .members)
        for m in members {
            var o = list.nestedContainer(keyedBy: MemberKeys.self)
            try o.encode(m.contact.id.hex, forKey: .contact)
            try o.encode(m.contact.name, forKey: .name)
            try o.encode(m.role, forKey: .role)
            try o.encode(m.contact.text("voter"), forKey: .voter)
        }
        try c.encode(conflicts, forKey: .conflicts)
        try c.encode(interactions, forKey: .interactions)
    }
}
