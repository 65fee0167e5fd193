/// Each hub's share of set and swing voters, among its members and among your recent touches
/// there. A hub made mostly of set voters (people like you, also seeking) is a stop-loss.
public struct HubMix: Hashable, Sendable {
    /// Counts of voters.
    public struct Counts: Hashable, Sendable {
        public var setVoters = 0
        public var swingVoters = 0
        public var unknownVoters = 0

        /// All counted.
        public var total: Int { setVoters + swingVoters + unknownVoters }
        /// Voters whose kind is known.
        public var known: Int { setVoters + swingVoters }
        /// Set voters among those whose kind is known, `nil` when none is known.
        public var setShare: Double? { known == 0 ? nil : Double(setVoters) / Double(known) }
        /// Swing voters among those whose kind is known.
        public var swingShare: Double? { known == 0 ? nil : Double(swingVoters) / Double(known) }

        /// No one counted.
        public init() {}

        mutating func add(_ voter: String?) {
            switch voter {
            case "set": setVoters += 1
            case "swing": swingVoters += 1
            default: unknownVoters += 1
            }
        }
    }

    /// One hub's mix.
    public struct Hub: Hashable, Sendable {
        /// The hub.
        public var id: RecordID
        /// Its name.
        public var name: String
        /// Its visible members, by voter kind.
        public var members: Counts
        /// Your recent touches there (interactions at the hub or with its members), by voter kind.
        public var touches: Counts
        /// Mostly set voters: more than half of the members whose kind is known, at least two known.
        public var stopLoss: Bool
    }

    /// The hubs, by name.
    public var hubs: [Hub]
    /// All your recent touches, by voter kind.
    public var touches: Counts

    /// Computes the mix.
    ///
    /// - parameters:
    ///   - hubs: `(id, name)` of the visible hubs.
    ///   - members: `(hub, contact)` of the visible memberships (contacts as survivors).
    ///   - voters: each visible contact's voter kind.
    ///   - touches: `(contact, hub)` of each recent done interaction.
    public static func compute(hubs: [(RecordID, String)], members: [(RecordID, RecordID)], voters: [RecordID: String?],
                               touches: [(RecordID?, RecordID?)]) -> HubMix {
        var memberSets: [RecordID: Set<RecordID>] = [:]
        var hubsOf: [RecordID: Set<RecordID>] = [:]
        for (hub, contact) in members where voters[contact] != nil {
            memberSets[hub, default: []].insert(contact)
            hubsOf[contact, default: []].insert(hub)
        }
        var touchCounts: [RecordID: Counts] = [:]
        var all = Counts()
        for (contact, hub) in touches {
            guard let contact, let voter = voters[contact] else { continue }
            all.add(voter)
            var at = hubsOf[contact] ?? []
            if let hub { at.insert(hub) }
            for h in at { touchCounts[h, default: Counts()].add(voter) }
        }
        var out: [Hub] = []
        for (id, name) in hubs {
            var m = Counts()
            for c in memberSets[id] ?? [] { m.add(voters[c] ?? nil) }
            let stop = m.known >= 2 && (m.setShare ?? 0) > 0.5
            out.append(Hub(id: id, name: name, members: m, touches: touchCounts[id] ?? Counts(), stopLoss: stop))
        }
        out.sort { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
        return HubMix(hubs: out, touches: all)
    }
}
