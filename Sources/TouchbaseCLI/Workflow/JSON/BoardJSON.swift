import TouchbaseKit

/// `board --json`: one list per stage shown (keyed by the stage), `counts` per stage, `unstaged`.
struct BoardJSON: Codable {
    /// One staged contact.
    struct Entry: Codable {
        var id: String
        var name: String
        @EncodesNil var organization: String?
        @EncodesNil var voter: String?
        var hasAsk: Bool
        var hasOffer: Bool
        @EncodesNil var lastTouch: String?
        @EncodesNil var nextStep: String?
        @EncodesNil var followUp: String?
        @EncodesNil var meeting: String?

        init(_ e: Board.Entry) {
            id = e.id.hex
            name = e.name
            organization = e.organization
            voter = e.voter
            hasAsk = e.hasAsk
            hasOffer = e.hasOffer
            lastTouch = e.lastTouch?.description
            nextStep = e.nextStep
            followUp = e.followUp?.description
            meeting = e.meeting?.description
        }
    }

    /// The entries of each stage shown.
    var stages: [String: [Entry]]
    var counts: [String: Int]
    var unstaged: Int

    init(_ b: Board) {
        var stages: [String: [Entry]] = [:]
        for s in b.stages { stages[s] = b.entries(at: s).map(Entry.init) }
        self.stages = stages
        counts = stages.mapValues(\.count)
        unstaged = b.unstaged
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        counts = try c.decode([String: Int].self, forKey: Key("counts"))
        unstaged = try c.decode(Int.self, forKey: Key("unstaged"))
        var stages: [String: [Entry]] = [:]
        for key in c.allKeys where key.stringValue != "counts" && key.stringValue != "unstaged" {
            stages[key.stringValue] = try c.decode([Entry].self, forKey: key)
        }
        self.stages = stages
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for (stage, entries) in stages { try c.encode(entries, forKey: Key(stage)) }
        try c.encode(counts, forKey: Key("counts"))
        try c.encode(unstaged, forKey: Key("unstaged"))
    }
}
