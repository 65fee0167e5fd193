import TouchbaseCore
import TouchbaseTestSupport

/// Hand-built Changes for unit tests: `change(1, 2, deps: [2: 1])` is device 1's second Change,
/// made after device 2's first.
func change(_ device: UInt64, _ seq: UInt64, hlc: UInt64? = nil, deps: [UInt64: UInt64] = [:], _ ops: [Op] = []) -> Change {
    var vv = VersionVector()
    for (d, s) in deps { vv[Fixtures.device(d)] = s }
    return Change(device: Fixtures.device(device), seq: seq, hlc: HLC(raw: hlc ?? (seq << 16 | device)), deps: vv, ops: ops)
}

/// A put on contact `record`.
func put(_ record: UInt64, _ field: String, _ value: Value, entity: String = "contact") -> Op {
    Op(entity: entity, record: Fixtures.record(record), field: field, value: value)
}

func contactKey(_ record: UInt64) -> RecordKey { RecordKey(entity: "contact", record: Fixtures.record(record)) }
func fieldKey(_ record: UInt64, _ field: String) -> FieldKey { FieldKey(entity: "contact", record: Fixtures.record(record), field: field) }

extension MergeGraph.Resolution {
    /// Whether reading leads to `survivor` through exactly `cycle`.
    func leads(to survivor: RecordID, cycle: [RecordID]) -> Bool { self.survivor == survivor && self.cycle == cycle }
}
