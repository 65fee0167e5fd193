import Foundation
import TouchbaseCore
import TouchbaseStore

/// Warm introductions: for an organisation you want to get into, who you know there.
///
/// - **Works there**: visible contacts whose organisation is it now (case, accents and spacing
///   aside), except those still on your wishlist (stage `want`: you do not know them yet).
/// - **Worked there**: contacts whose organisation was it before (an earlier value in the change
///   log: an import or an edit has since replaced it).
/// - **Same hub**: members of a hub that someone who is or was there also belongs to (wishlist
///   people included: a hub is how you get to them).
///
/// Each comes with the reason of the touch that would ask for the introduction.
extension Workspace {
    /// Who could introduce you at `organization`, for `opportunity` when given (its role goes into
    /// the suggested reasons).
    public func introductions(toOrganization organization: String, opportunity: Opportunity? = nil) throws -> IntroductionTarget {
        let network = try IntroductionNetwork(self)
        let key = OrganizationName.key(organization) ?? ""
        let opportunities = try opportunity.map { [$0] } ?? (opportunities().filter { OrganizationName.key($0.organization) == key })
        let wishlist = network.contacts.values.filter { $0.stage == .want && OrganizationName.key($0.organization) == key }
            .sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
        let role = opportunities.count == 1 ? opportunities[0].role : nil
        return IntroductionTarget(organization: organization.trimmingCharacters(in: .whitespacesAndNewlines), opportunities: opportunities,
                                  wishlist: wishlist, paths: network.paths(to: key, shown: organization, role: role))
    }

    /// Every organisation you want to get into, by name: those of open opportunities and of
    /// wishlist contacts, each with who could introduce you there.
    public func introductionTargets() throws -> [IntroductionTarget] {
        let network = try IntroductionNetwork(self)
        var names: [String: String] = [:]
        var opportunitiesAt: [String: [Opportunity]] = [:]
        for o in try opportunities() {
            guard let org = o.organization, let key = OrganizationName.key(org) else { continue }
            if names[key] == nil { names[key] = org }
            opportunitiesAt[key, default: []].append(o)
        }
        var wishlistAt: [String: [Contact]] = [:]
        for c in network.contacts.values.sorted(by: { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }) where c.stage == .want {
            guard let org = c.organization, let key = OrganizationName.key(org) else { continue }
            if names[key] == nil { names[key] = org }
            wishlistAt[key, default: []].append(c)
        }
        return names.sorted { ($0.value.lowercased(), $0.key) < ($1.value.lowercased(), $1.key) }.map { key, shown in
            let opps = opportunitiesAt[key] ?? []
            return IntroductionTarget(organization: shown, opportunities: opps, wishlist: wishlistAt[key] ?? [],
                                      paths: network.paths(to: key, shown: shown, role: opps.count == 1 ? opps[0].role : nil))
        }
    }
}

/// The contacts, their earlier organisations and their hubs, read once for the introductions.
struct IntroductionNetwork {
    /// Visible contacts by id.
    var contacts: [RecordID: Contact] = [:]
    /// Organisation keys each visible contact held before its current one.
    var pastKeys: [RecordID: Set<String>] = [:]
    /// Hub ids of each visible contact.
    var hubsOf: [RecordID: Set<RecordID>] = [:]
    /// Members of each visible hub.
    var membersOf: [RecordID: Set<RecordID>] = [:]
    /// Hub names.
    var hubNames: [RecordID: String] = [:]

    init(_ workspace: Workspace) throws {
        let store = workspace.store
        var all = RecordQuery(entity: "contact")
        all.includeHidden = true
        all.fields = ["name", "organization", "role", "stage", "voter"]
        var survivor: [RecordID: RecordID] = [:]
        for r in try store.records(all) {
            if let s = r.survivor { survivor[r.id] = s } else if !r.deleted { contacts[r.id] = Contact(r) }
        }
        func shown(_ id: RecordID) -> RecordID? {
            let s = survivor[id] ?? id
            return contacts[s] == nil ? nil : s
        }
        for (id, values) in try store.textsEverWritten(entity: "contact", field: "organization") {
            guard let c = shown(id) else { continue }
            let current = OrganizationName.key(contacts[c]?.organization)
            for key in values.compactMap(OrganizationName.key) where key != current { pastKeys[c, default: []].insert(key) }
        }
        for h in try store.records(RecordQuery(entity: "hub")) { hubNames[h.id] = h.displayName }
        for m in try store.records(RecordQuery(entity: "membership")) {
            guard let c = m["contact"].ref.flatMap(shown), let h = m["hub"].ref, hubNames[h] != nil else { continue }
            hubsOf[c, default: []].insert(h)
            membersOf[h, default: []].insert(c)
        }
    }

    /// The paths into the organisation with comparison key `key`: current employees, then former
    /// ones, then hub connections; within each, by stage (active first) then name.
    func paths(to key: String, shown organization: String, role: String?) -> [IntroductionPath] {
        guard !key.isEmpty else { return [] }
        let current = contacts.values.filter { OrganizationName.key($0.organization) == key }
        let former = contacts.values.filter { pastKeys[$0.id]?.contains(key) == true && OrganizationName.key($0.organization) != key }
        let insiders = Set((current + former).map(\.id))
        var out: [IntroductionPath] = []
        func add(_ c: Contact, _ via: IntroductionPath.Via) {
            out.append(IntroductionPath(contact: c.id, name: c.name, organization: c.organization, stage: c.stage, via: via,
                                        suggestedReason: IntroductionText.introduction(via, organization: organization, role: role)))
        }
        for c in sorted(current) where c.stage != .want { add(c, .worksThere) }
        for c in sorted(former) where c.stage != .want { add(c, .workedThere) }
        // Hub connections: one path per person, through the first hub and insider by name.
        var viaHub: [RecordID: (hub: String, colleague: String)] = [:]
        for insider in sorted(current + former) {
            let hubs = (hubsOf[insider.id] ?? []).sorted { (hubNames[$0] ?? "").lowercased() < (hubNames[$1] ?? "").lowercased() }
            for hub in hubs {
                for member in membersOf[hub] ?? [] where !insiders.contains(member) && viaHub[member] == nil {
                    guard let c = contacts[member], c.stage != .want else { continue }
                    viaHub[member] = (hubNames[hub] ?? "", insider.name)
                }
            }
        }
        for c in sorted(viaHub.keys.compactMap { contacts[$0] }) {
            let v = viaHub[c.id]!
            add(c, .sameHub(hub: v.hub, colleague: v.colleague))
        }
        return out
    }

    private func sorted(_ list: [Contact]) -> [Contact] {
        let rank: [String: Int] = ["active": 0, "pending": 1, "docket": 2, "dormant": 3]
        return list.sorted {
            let a = rank[$0.stage?.rawValue ?? ""] ?? 4, b = rank[$1.stage?.rawValue ?? ""] ?? 4
            return a != b ? a < b : ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id)
        }
    }
}
