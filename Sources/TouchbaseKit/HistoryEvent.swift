import TouchbaseCore

/// What one change did to a contact or hub and what hangs on it, one event per record touched.
public enum HistoryEvent: Hashable, Sendable {
    /// Fields of the record itself, or of a duplicate since merged into it (`duplicate` is its id).
    case fields(duplicate: RecordID?, changes: [FieldChange])
    /// A tag was put on the record (`nil` when the tag's name is not known here).
    case tagged(String?)
    /// A tag was removed.
    case untagged(String?)
    /// A contact joined a hub (the other end is the record itself), with its role when one was set.
    case joined(contact: RecordID?, hub: RecordID?, role: String?)
    /// A contact left a hub.
    case left(contact: RecordID?, hub: RecordID?)
}
