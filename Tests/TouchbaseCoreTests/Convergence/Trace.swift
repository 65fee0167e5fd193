import TouchbaseCore
import TouchbaseTestSupport

/// Short, readable names for the convergence traces: devices `D1`…, records `R1`…, clock stamps
/// relative to the history's epoch.
enum Names {
    static func device(_ d: DeviceID) -> String { "D\(d.raw.low)" }
    static func record(_ r: RecordID) -> String { "R\(r.raw.low)" }
    static func dot(_ d: Dot) -> String { "\(device(d.device))#\(d.seq)" }

    static func value(_ v: Value) -> String {
        switch v {
        case .text(let s): return "\"\(s)\""
        case .ref(let r): return "→\(record(r))"
        case .refs(let rs): return "→[" + rs.map(record).joined(separator: ",") + "]"
        default: return v.description
        }
    }

    static func op(_ op: Op) -> String { "\(op.entity)/\(record(op.record)).\(op.field)=\(value(op.value))" }

    static func hlc(_ h: HLC, epoch: UInt64) -> String {
        let ms = Int64(bitPattern: h.milliseconds &- epoch)
        return "\(ms >= 0 ? "+" : "")\(ms)ms.\(h.counter)"
    }

    static func vector(_ v: VersionVector) -> String {
        "{" + v.sorted.map { "\(device($0.device)):\($0.seq)" }.joined(separator: ",") + "}"
    }

    static func change(_ c: Change, epoch: UInt64) -> String {
        "\(dot(c.dot)) hlc=\(hlc(c.hlc, epoch: epoch)) deps=\(vector(c.deps)) " + c.ops.map(op).joined(separator: "; ")
    }

    static func registerValue(_ v: RegisterValue, epoch: UInt64) -> String {
        "\(value(v.value))@\(dot(v.dot))/\(hlc(v.hlc, epoch: epoch))"
    }

    static func register(_ r: Register?, epoch: UInt64) -> String {
        guard let r else { return "(absent)" }
        return "[" + r.values.map { registerValue($0, epoch: epoch) }.joined(separator: ", ") + "]"
    }

    static func conflict(_ c: Conflict, epoch: UInt64) -> String {
        var s = "\(c.kind.rawValue) \(c.record.entity)/\(record(c.record.record)).\(c.field)"
        if !c.values.isEmpty { s += " values=" + c.values.map { registerValue($0, epoch: epoch) }.joined(separator: ",") }
        if !c.editedFields.isEmpty { s += " edited=\(c.editedFields)" }
        if !c.cycle.isEmpty { s += " cycle=" + c.cycle.map(record).joined(separator: ",") }
        return s
    }
}

/// One step of a generated history, kept as data and rendered only when a check fails.
enum TraceEvent {
    /// Wall clocks chosen at the start (offset from the epoch, per device).
    case start(devices: Int, skews: [Int64])
    /// A local Change; `why` says whether it was an edit or a resolution.
    case commit(Change, why: String)
    /// A partial sync: what was offered to `to`, and what its gates let through.
    case sync(from: DeviceID, to: DeviceID, offered: [Dot], applied: [Dot], held: [Dot], viaCodec: Bool)
    /// The final full delivery to one replica.
    case final(to: DeviceID, changes: Int, batches: Int, mode: String, viaCodec: Bool)

    func render(epoch: UInt64) -> String {
        switch self {
        case .start(let n, let skews):
            return "\(n) devices, wall-clock skew (ms): " + skews.enumerated().map { "D\($0.offset + 1):\($0.element)" }.joined(separator: " ")
        case .commit(let c, let why):
            return "\(why): " + Names.change(c, epoch: epoch)
        case .sync(let from, let to, let offered, let applied, let held, let codec):
            return "sync \(Names.device(from)) → \(Names.device(to))\(codec ? " (via codec)" : ""): offered ["
                + offered.map(Names.dot).joined(separator: ",") + "] applied ["
                + applied.map(Names.dot).joined(separator: ",") + "]"
                + (held.isEmpty ? "" : " held back [" + held.map(Names.dot).joined(separator: ",") + "]")
        case .final(let to, let n, let batches, let mode, let codec):
            return "final delivery → \(Names.device(to)): \(n) changes (with duplicates) in \(batches) batch(es), \(mode)\(codec ? ", via codec" : "")"
        }
    }
}
