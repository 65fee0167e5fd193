import TouchbaseKit

/// The `--json` form of one open conflict of `touchbase conflicts` (docs/JSON.md, `## conflicts`).
struct ConflictJSON: Encodable {
    /// A record the conflict names.
    struct Link: Encodable {
        var entity: String
        var record: String
    }

    /// One competing value.
    struct Candidate: Encodable {
        var value: ValueJSON
        var device: String
        var deviceName: String
        var seq: UInt64
        var time: String
    }

    var number: Int
    var handle: String
    var kind: String
    var entity: String
    var record: String
    var name: String
    var field: String
    var editedFields: [String]
    var cycle: [String]
    var links: [Link]
    var values: [Candidate]

    init(_ c: OpenConflict) {
        number = c.number
        handle = c.handle
        kind = c.kind.rawValue
        entity = c.record.key.entity
        record = c.record.key.record.hex
        name = c.record.name
        field = c.field
        editedFields = c.editedFields
        cycle = c.cycle.map(\.key.record.hex)
        links = c.links.map { Link(entity: $0.key.entity, record: $0.key.record.hex) }
        values = c.values.map {
            Candidate(value: ValueJSON(value: $0.value), device: $0.device.hex, deviceName: $0.deviceName ?? "", seq: $0.seq,
                      time: ConflictView.time(milliseconds: $0.milliseconds))
        }
    }
}
