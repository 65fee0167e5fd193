import TouchbaseKit

/// `hub mix --json`.
struct HubMixJSON: Codable {
    /// Voter counts.
    struct Counts: Codable {
        var set: Int
        var swing: Int
        var unknown: Int
        @EncodesNil var setShare: Double?
        @EncodesNil var swingShare: Double?

        init(_ c: HubMix.Counts) {
            set = c.setVoters
            swing = c.swingVoters
            unknown = c.unknownVoters
            setShare = c.setShare
            swingShare = c.swingShare
        }
    }

    /// One hub.
    struct Hub: Codable {
        var id: String
        var name: String
        var members: Counts
        var touches: Counts
        var stopLoss: Bool
    }

    var since: String
    var touches: Counts
    var hubs: [Hub]

    init(_ r: HubMixReport) {
        since = r.since.description
        touches = Counts(r.touches)
        hubs = r.hubs.map { Hub(id: $0.id.hex, name: $0.name, members: Counts($0.members), touches: Counts($0.touches), stopLoss: $0.stopLoss) }
    }
}
