import TouchbaseCore

/// One change (one edit on one device) as it concerns a contact or hub: its fields, its tags, its
/// memberships and the duplicates merged into it.
public struct RecordChange: Hashable, Sendable {
    /// The device that made the change.
    public var device: DeviceID
    /// The device's name, when known.
    public var deviceName: String?
    /// The change's number on its device.
    public var sequence: UInt64
    /// When it was made, in milliseconds since 1970 (the device's clock).
    public var milliseconds: UInt64
    /// What it did, one event per record touched, in the order of the change.
    public var events: [HistoryEvent]
    /// Its puts on these records, as written.
    public var ops: [Op]
}
