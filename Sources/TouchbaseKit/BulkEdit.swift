import TouchbaseCore

/// One change made to every contact a filter selects: ``Workspace/bulkEdit(_:apply:)``.
///
/// At least one filter and at least one change are required; a contact that already reads as
/// asked is left alone.
public struct BulkEdit: Hashable, Sendable {
    /// Who: the contacts this filter lists (tag, stage, voter, hub, text).
    public var filter: ContactFilter
    /// Who, further: only contacts at this organisation (case and accents ignored).
    public var organization: String?

    /// The stage to set.
    public var stage: Stage?
    /// The voter to set.
    public var voter: Voter?
    /// Tags to add.
    public var addTags: [String] = []
    /// Tags to remove (where the contact carries them).
    public var removeTags: [String] = []
    /// The keep-in-touch cadence to set (`.some(nil)` turns it off).
    public var cadence: Int??

    /// An edit of the contacts `filter` selects.
    public init(filter: ContactFilter = ContactFilter(), organization: String? = nil) {
        self.filter = filter
        self.organization = organization
    }

    /// Whether it selects by anything at all.
    public var hasFilter: Bool { !filter.isUnfiltered || organization != nil }

    /// Whether it changes anything at all.
    public var hasChange: Bool { stage != nil || voter != nil || !addTags.isEmpty || !removeTags.isEmpty || cadence != nil }
}
