import TouchbaseCore
import TouchbaseKit

/// An open conflict of a record in `contact show --json` and `hub show --json`:
/// `{"handle", "kind", "field", "values": [{"value", "device", "deviceName", "time"}], "editedFields", "cycle", "links": [{"entity", "record"}]}`.
struct RecordConflictJSON: Encodable {
    var conflict: Conflict
    var devices: [DeviceID: String]

    private enum Keys: String, CodingKey { case handle, kind, field, values, editedFields, cycle, links }
    private enum ValueKeys: String, CodingKey { case value, device, deviceName, time }
    private enum LinkKeys: String, CodingKey { case entity, record }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(ConflictHandle.make(conflict), forKey: .handle)
        try c.encode(conflict.kind.rawValue, forKey: .kind)
        try c.encode(conflict.field, forKey: .field)
        var values = c.nestedUnkeyedContainer(forKey: .values)
        for v in conflict.values {
            var o = values.nestedContainer(keyedBy: ValueKeys.self)
            try o.encode(ValueJSON(value: v.value), forKey: .value)
            try o.encode(v.dot.device.hex, forKey: .device)
            try o.encode(devices[v.dot.device], forKey: .deviceName)
            try o.encode(RecordText.isoTime(milliseconds: v.hlc.milliseconds), forKey: .time)
        }
        try c.encode(conflict.editedFields, forKey: .editedFields)
        try c.encode(conflict.cycle.map(\.hex), forKey: .cycle)
        var links = c.nestedUnkeyedContainer(forKey: .links)
        for link in conflict.links {
            var o = links.nestedContainer(keyedBy: LinkKeys.self)
            try o.encode(link.entity, forKey: .entity)
            try o.encode(link.record.hex, forKey: .record)
        }
    }
}
