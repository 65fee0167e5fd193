/// When a device writes a snapshot by itself (Protocol/SPEC.md §7.6): once its own change files
/// written since its last snapshot pass either threshold.
public struct SnapshotPolicy: Hashable, Sendable {
    /// Own change files in the folder whose range ends after the last own snapshot.
    public var changeFiles: Int
    /// Encoded bytes of the own Changes made since the last own snapshot.
    public var bytes: Int64
    /// Whether a sync writes snapshots by itself at all.
    public var automatic: Bool
    /// Records are split into parts of about this many encoded bytes.
    public var partBytes: Int

    /// Creates a policy.
    public init(changeFiles: Int = 256, bytes: Int64 = 32 << 20, automatic: Bool = true, partBytes: Int = 4 << 20) {
        self.changeFiles = changeFiles
        self.bytes = bytes
        self.automatic = automatic
        self.partBytes = partBytes
    }

    /// 256 own change files or 32 MiB of own Changes since the last own snapshot; parts of 4 MiB.
    public static let `default` = SnapshotPolicy()
}
