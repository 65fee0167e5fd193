import TouchbaseSync

/// When this device writes a snapshot by itself after a sync (``Workspace/snapshotSettings()``): a
/// setting of this device only, kept in its database and never synced (each device writes its own
/// snapshots, Protocol/SPEC.md §7.6).
public struct SnapshotSettings: Sendable, Hashable {
    /// Whether a sync writes snapshots by itself at all.
    public var automatic: Bool
    /// A snapshot once this many of this device's own change files came after its last one.
    public var changeFiles: Int
    /// Or once this many MiB of this device's own changes came after its last one.
    public var mebibytes: Int64
    /// False while this device uses the defaults (nothing stored).
    public var isSet: Bool

    /// Creates settings.
    public init(automatic: Bool, changeFiles: Int, mebibytes: Int64, isSet: Bool) {
        self.automatic = automatic
        self.changeFiles = changeFiles
        self.mebibytes = mebibytes
        self.isSet = isSet
    }

    /// The defaults: automatic, 256 change files or 32 MiB.
    public static let defaults = SnapshotSettings(SnapshotPolicy.default, isSet: false)

    init(_ p: SnapshotPolicy, isSet: Bool) {
        self.init(automatic: p.automatic, changeFiles: p.changeFiles, mebibytes: max(1, p.bytes >> 20), isSet: isSet)
    }
}
