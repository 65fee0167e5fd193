/// What an import did (or, for a dry run, would do).
public struct ImportOutcome: Hashable, Sendable {
    /// New contacts.
    public var created: Int
    /// Known contacts with a changed field.
    public var updated: Int
    /// Known contacts with nothing new.
    public var unchanged: Int
    /// New hubs (from the cards' hub names).
    public var hubsCreated: Int
    /// Rows or cards not imported, with why, sorted by file and line.
    public var skipped: [ImportPlan.Skip]
    /// Rows or cards imported with a caveat, sorted by file and line.
    public var warnings: [ImportPlan.Skip]
    /// Every person and field that changed or kept the user's edit (listed for a dry run only).
    public var changes: [ImportChange] = []
    /// Job changes recorded (a new organization or role on someone known).
    public var jobChanges: Int = 0
}
