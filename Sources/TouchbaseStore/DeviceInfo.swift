import TouchbaseCore

/// A device this database knows of: itself, or one whose Changes it has applied.
public struct DeviceInfo: Hashable, Sendable {
    /// The device id.
    public var id: DeviceID
    /// Its human name, from `init` or its device card.
    public var name: String?
    /// The highest sequence number of its Changes applied here.
    public var applied: UInt64
    /// When a file of it was last seen in the shared folder (milliseconds since 1970).
    public var lastSeen: UInt64?
    /// What it has acknowledged applying (from its ack file), if known.
    public var acknowledged: VersionVector?
}
