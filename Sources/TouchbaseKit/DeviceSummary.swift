/// A device this database knows: itself, or one that syncs through the same folder.
public struct DeviceSummary: Hashable, Sendable, Identifiable {
    /// The device id.
    public var id: DeviceID
    /// Its name, from its set-up or its signed device card; nil when not known yet.
    public var name: String?
    /// Whether it is this device.
    public var isThisDevice: Bool
    /// The highest sequence number of its changes applied here.
    public var applied: UInt64
    /// When a file of it was last seen in the shared folder (milliseconds since 1970).
    public var lastSeen: UInt64?
    /// What it has acknowledged applying, when its acknowledgement was read.
    public var acknowledged: VersionVector?
    /// The signing key trusted for it; nil while its signed device card has not been seen (its
    /// changes wait).
    public var key: DeviceKey?
    /// Whether it is retired: garbage collection no longer waits for its acknowledgement, until it
    /// syncs again (Protocol/SPEC.md §3.7).
    public var isRetired = false
}
