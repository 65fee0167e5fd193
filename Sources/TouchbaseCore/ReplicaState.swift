/// Everything a user could observe of a replica; two replicas that applied the same set of Changes
/// must have equal states.
public struct ReplicaState: Hashable, Sendable {
    /// One record's observable state.
    public struct RecordState: Hashable, Sendable {
        /// Every written field's register (all surviving values, not just the displayed one).
        public var fields: [String: Register]
        /// Deleted or not, and delete-vs-edit fields.
        public var status: RecordStatus
        /// Where `mergedInto` leads.
        public var survivor: RecordID
    }

    /// Every record that has a written field.
    public var records: [RecordKey: RecordState]
    /// Every open conflict, canonically ordered.
    public var conflicts: [Conflict]
}
