import TouchbaseCore
import TouchbaseKit

/// One interaction in `--json` (`log`, `log show`, `contact show`'s `timeline`, `hub show`'s
/// `interactions`, and the results of `log edit|cancel|reschedule`): `id`, `handle`, `deleted`,
/// `status` (`done` when unset), `contactName`, `hubName` (when the hub is there), `others` as
/// `[{"id", "name"}]`, and every stored field as written (`contact`, `date`, `time`, `kind`,
/// `direction`, `channel`, `reason`, `reasonRef`, `exitGoal`, `learned`, `nextStep`, `followUp`,
/// `outcome`, `answered`, `forced`, `minutes`, `hub`, and fields a newer version wrote).
struct InteractionJSON: Encodable {
    var entry: InteractionEntry

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private struct PersonJSON: Encodable {
        var id: String
        var name: String
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        var fields = entry.interaction.fields
        fields["others"] = nil
        for (field, value) in fields { try c.encode(ValueJSON(value: value), forKey: Key(field)) }
        try c.encode(entry.id.hex, forKey: Key("id"))
        try c.encode(entry.handle, forKey: Key("handle"))
        try c.encode(entry.isDeleted, forKey: Key("deleted"))
        try c.encode(entry.interaction.status ?? "done", forKey: Key("status"))
        try c.encode(entry.contact?.name, forKey: Key("contactName"))
        try c.encode(entry.hubName, forKey: Key("hubName"))
        try c.encode(entry.others.map { PersonJSON(id: $0.id.hex, name: $0.name) }, forKey: Key("others"))
    }
}
