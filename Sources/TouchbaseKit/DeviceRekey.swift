/// What a re-key did: this database's device id before and after.
public struct DeviceRekey: Hashable, Sendable {
    /// The device id before.
    public var old: DeviceID
    /// The new device id (with a new signing key).
    public var new: DeviceID
}
