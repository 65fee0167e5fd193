import TouchbaseCore

/// What the shared folder says of a device, to record with ``Store/noteDevices(_:)``; `nil` parts
/// are left as they are.
public struct DeviceNote: Hashable, Sendable {
    /// The device.
    public var id: DeviceID
    /// Its human name, from its device card.
    public var name: String?
    /// When it was last active (milliseconds since 1970); only ever moves forward.
    public var seenAt: UInt64?
    /// What it acknowledged applying.
    public var acknowledged: VersionVector?

    /// Creates a note.
    public init(id: DeviceID, name: String? = nil, seenAt: UInt64? = nil, acknowledged: VersionVector? = nil) {
        self.id = id
        self.name = name
        self.seenAt = seenAt
        self.acknowledged = acknowledged
    }
}
