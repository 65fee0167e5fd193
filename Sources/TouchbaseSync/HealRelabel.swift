import TouchbaseCore
import TouchbaseStore

/// Reads a snapshot's state under a heal, when the snapshot covered the renamed history of the
/// forked id (its writer had not learned the heal, Protocol/SPEC.md §3.6): the renamed history's
/// Changes are read under the derived id, at the same place on its line, with the same causal past
/// renamed. So every value they wrote keeps its stamp and is labelled with its new dot, and every
/// causal past that reached into the renamed history reaches the derived id's line instead.
/// Only one heal of the id may lie within what the snapshot covers.
enum HealRelabel {
    /// Where the Change at `dot` is read under `heal`.
    static func dot(_ dot: Dot, _ heal: ForkHeal) -> Dot {
        guard dot.device == heal.device, dot.seq >= heal.seq else { return dot }
        return Dot(device: heal.derived, seq: dot.seq - heal.seq + 1)
    }

    /// A causal past under `heal`.
    static func vector(_ v: VersionVector, _ heal: ForkHeal) -> VersionVector {
        guard v[heal.device] >= heal.seq else { return v }
        var out = v
        out[heal.derived] = max(v[heal.derived], v[heal.device] - heal.seq + 1)
        out[heal.device] = heal.seq - 1
        return out
    }

    /// The covered heads' digests under `heal` (`heal.base` names the Change before the fork point).
    static func heads(_ heads: [DeviceID: [UInt8]], covers: VersionVector, _ heal: ForkHeal) -> [DeviceID: [UInt8]] {
        guard covers[heal.device] >= heal.seq else { return heads }
        var out = heads
        out[heal.derived] = heads[heal.device]
        out[heal.device] = heal.seq > 1 ? heal.base : nil
        return out
    }

    /// A snapshot record under `heal`.
    static func record(_ r: SnapshotRecord, _ heal: ForkHeal) -> SnapshotRecord {
        var out = r
        out.fields = r.fields.map { f in
            var g = f
            g.values = f.values.map { v in
                var w = v
                w.dot = dot(v.dot, heal)
                return w
            }.sorted { $0.dot < $1.dot }
            return g
        }
        var pasts: [Dot: VersionVector] = [:]
        for (d, v) in r.pasts { pasts[dot(d, heal)] = vector(v, heal) }
        out.pasts = pasts
        return out
    }
}
