import TouchbaseCore

/// One Change as it concerns one record: who changed what, when, on which device.
public struct HistoryEntry: Hashable, Sendable {
    /// The Change.
    public var dot: Dot
    /// Its clock stamp (wall time in milliseconds is `hlc.milliseconds`).
    public var hlc: HLC
    /// The device's human name, if known.
    public var deviceName: String?
    /// The puts of this Change on the record.
    public var ops: [Op]
}
