import TouchbaseCore
import TouchbaseKit

/// One entry of `history --json`: `{"device", "deviceName", "seq", "time", "changes", "ops"}`,
/// `changes` the change in words (as the text output), `ops` its puts on the record and what
/// hangs on it (`[{"entity", "record", "field", "value"}]`).
struct HistoryJSON: Encodable {
    var change: RecordChange
    var changes: [String]

    private enum Keys: String, CodingKey { case device, deviceName, seq, time, changes, ops }
    private enum OpKeys: String, CodingKey { case entity, record, field, value }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(change.device.hex, forKey: .device)
        try c.encode(change.deviceName, forKey: .deviceName)
        try c.encode(change.sequence, forKey: .seq)
        try c.encode(RecordText.isoTime(milliseconds: change.milliseconds), forKey: .time)
        try c.encode(changes, forKey: .changes)
        var ops = c.nestedUnkeyedContainer(forKey: .ops)
        for op in change.ops {
            var o = ops.nestedContainer(keyedBy: OpKeys.self)
            try o.encode(op.entity, forKey: .entity)
            try o.encode(op.record.hex, forKey: .record)
            try o.encode(op.field, forKey: .field)
            try o.encode(ValueJSON(value: op.value), forKey: .value)
        }
    }
}
