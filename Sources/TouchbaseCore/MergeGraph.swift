/// Follows `mergedInto` pointers from a merged duplicate to the record that survives it.
///
/// Two devices may merge A into B and B into A at the same time; the pointers then form a cycle.
/// Every device resolves a cycle the same way: the member with the smallest id survives, and the
/// cycle is shown as a conflict until someone resolves it.
public enum MergeGraph {
    /// Where reading `record` leads.
    public struct Resolution: Hashable, Sendable {
        /// The record that survives: `record` itself when it was never merged.
        public var survivor: RecordID
        /// The members of a cycle on the way, sorted, or empty.
        public var cycle: [RecordID]
    }

    /// Follows `mergedInto` from `record`.
    ///
    /// - Parameter mergedInto: the displayed `mergedInto` of a record, `nil` when unset.
    public static func resolve(_ record: RecordID, mergedInto: (RecordID) throws -> RecordID?) rethrows -> Resolution {
        var path: [RecordID] = [record]
        var index: [RecordID: Int] = [record: 0]
        var current = record
        while let next = try mergedInto(current) {
            if let start = index[next] {
                let cycle = path[start...].sorted()
                return Resolution(survivor: cycle[0], cycle: cycle)
            }
            index[next] = path.count
            path.append(next)
            current = next
        }
        return Resolution(survivor: current, cycle: [])
    }
}
