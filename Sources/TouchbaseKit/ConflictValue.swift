/// One of the competing values of a conflict, with the device and time that wrote it.
public struct ConflictValue: Hashable, Sendable {
    /// The value (``Value/null`` for a cleared field).
    public var value: Value
    /// The device that wrote it.
    public var device: DeviceID
    /// That device's name, when this database knows it.
    public var deviceName: String?
    /// The sequence number of the device's change that wrote it.
    public var seq: UInt64
    /// When it was written (milliseconds since 1970, the writer's clock).
    public var milliseconds: UInt64

    /// Creates a competing value.
    public init(value: Value, device: DeviceID, deviceName: String?, seq: UInt64, milliseconds: UInt64) {
        self.value = value
        self.device = device
        self.deviceName = deviceName
        self.seq = seq
        self.milliseconds = milliseconds
    }
}
