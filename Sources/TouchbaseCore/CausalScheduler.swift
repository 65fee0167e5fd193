/// Applies Changes that arrive in any order, duplicated or not, in an order that respects the gates:
/// a Change goes through only after its predecessor on the same device and every Change in its deps.
///
/// Each device's Changes are queued by sequence number and drained while their head is ready, so a
/// batch costs O(n log n) however it was ordered. The Replica and the Store both use it.
public enum CausalScheduler {
    /// What one scheduling run did.
    public struct Outcome: Sendable {
        /// Changes applied, in the order applied.
        public var applied: [Dot] = []
        /// Changes that were already applied (or repeated within the batch).
        public var duplicates = 0
        /// Changes whose gates stayed closed.
        public var waiting: [Change] = []
    }

    /// Feeds `changes` to `apply` in a causal order, starting from `version` (which is advanced).
    public static func run(_ changes: [Change], version: inout VersionVector,
                           apply: (Change) throws -> Void) rethrows -> Outcome {
        var outcome = Outcome()
        var queues: [DeviceID: [Change]] = [:]
        for c in changes {
            if version.contains(c.dot) { outcome.duplicates += 1 } else { queues[c.device, default: []].append(c) }
        }
        var heads: [DeviceID: Int] = [:]
        for (d, q) in queues {
            var seen = Set<UInt64>()
            let unique = q.sorted { $0.seq < $1.seq }.filter { seen.insert($0.seq).inserted }
            outcome.duplicates += q.count - unique.count
            queues[d] = unique
            heads[d] = 0
        }
        let devices = queues.keys.sorted()
        var progress = true
        while progress {
            progress = false
            for d in devices {
                let q = queues[d]!
                var head = heads[d]!
                while head < q.count, q[head].isReady(given: version) {
                    try apply(q[head])
                    version[d] = q[head].seq
                    outcome.applied.append(q[head].dot)
                    head += 1
                    progress = true
                }
                heads[d] = head
            }
        }
        for d in devices { outcome.waiting += queues[d]![heads[d]!...] }
        return outcome
    }
}
