import Foundation
import TouchbaseCore
import TouchbaseKit

/// A linked contact in JSON: `id`, `name`, `role`, `since`, `lastInteraction`.
struct OpportunityPersonJSON: Encodable {
    var id: String
    var name: String
    var role: String
    var since: String?
    var lastInteraction: String?

    init(_ p: OpportunityPerson) {
        id = p.contact.id.hex
        name = p.contact.name
        role = p.role.rawValue
        since = p.since?.description
        lastInteraction = p.lastInteraction?.description
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(role, forKey: .role)
        try c.encode(since, forKey: .since)
        try c.encode(lastInteraction, forKey: .lastInteraction)
    }

    enum CodingKeys: String, CodingKey { case id, name, role, since, lastInteraction }
}

/// `opp list --json`: one object per opportunity, `opportunity` (the record) and `people`.
struct OpportunityRowJSON: Encodable {
    var opportunity: Opportunity
    var people: [OpportunityPersonJSON]

    init(opportunity: Opportunity, people: [OpportunityPerson]) {
        self.opportunity = opportunity
        self.people = people.map(OpportunityPersonJSON.init)
    }
}

/// A contact suggested or on a path, in JSON: `id`, `name`, `organization`, `stage`.
struct ContactRefJSON: Encodable {
    var id: String
    var name: String
    var organization: String?
    var stage: String?

    init(_ c: TouchbaseKit.Contact) {
        id = c.id.hex
        name = c.name
        organization = c.organization
        stage = c.stage?.rawValue
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(organization, forKey: .organization)
        try c.encode(stage, forKey: .stage)
    }

    enum CodingKeys: String, CodingKey { case id, name, organization, stage }
}

/// One warm introduction in JSON: `id`, `name`, `organization`, `stage`, `via`
/// (`works-there`, `worked-there`, `same-hub`), `hub` and `colleague` (same hub only),
/// `suggestedReason`.
struct IntroductionPathJSON: Encodable {
    var path: IntroductionPath

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path.contact.hex, forKey: .id)
        try c.encode(path.name, forKey: .name)
        try c.encode(path.organization, forKey: .organization)
        try c.encode(path.stage?.rawValue, forKey: .stage)
        try c.encode(path.suggestedReason, forKey: .suggestedReason)
        switch path.via {
        case .worksThere: try c.encode("works-there", forKey: .via)
        case .workedThere: try c.encode("worked-there", forKey: .via)
        case .sameHub(let hub, let colleague):
            try c.encode("same-hub", forKey: .via)
            try c.encode(hub, forKey: .hub)
            try c.encode(colleague, forKey: .colleague)
        }
    }

    enum CodingKeys: String, CodingKey { case id, name, organization, stage, via, hub, colleague, suggestedReason }
}

/// `opp show --json`.
struct OpportunityShowJSON: Encodable {
    var opportunity: Opportunity
    var people: [OpportunityPersonJSON]
    var suggested: [ContactRefJSON]
    var introductions: [IntroductionPathJSON]
    var conflicts: [RecordConflictJSON]

    init(_ d: OpportunityDetails, conflicts: [RecordConflictJSON]) {
        opportunity = d.opportunity
        people = d.people.map(OpportunityPersonJSON.init)
        suggested = d.suggested.map(ContactRefJSON.init)
        introductions = d.introductions.map(IntroductionPathJSON.init)
        self.conflicts = conflicts
    }
}
