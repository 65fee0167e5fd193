import TouchbaseStore

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

extension SnapshotPolicy {
    /// The meta key of this device's thresholds (a device setting: never synced).
    static let metaKey = "snapshotPolicy"
    /// The bounds a stored threshold must fit in.
    public static let changeFilesRange = 1...1_000_000
    /// MiB of own Changes: 1 MiB to 1 TiB.
    public static let mebibytesRange: ClosedRange<Int64> = 1...(1 << 20)

    /// The thresholds this device's database holds of its own (`auto=on;files=256;bytes=33554432`);
    /// `nil` when none are stored or the stored text does not parse (the defaults apply then).
    public static func own(in store: Store) throws -> SnapshotPolicy? {
        try store.metaValue(metaKey).flatMap(parse)
    }

    /// The thresholds in effect on this device: its own (``own(in:)``), else ``default``.
    public static func stored(in store: Store) throws -> SnapshotPolicy { try own(in: store) ?? .default }

    /// Refuses a number of change files outside ``changeFilesRange`` or of MiB outside
    /// ``mebibytesRange`` (what is not given is not checked).
    ///
    /// - throws: ``SnapshotPolicyError``.
    public static func check(changeFiles: Int? = nil, mebibytes: Int64? = nil) throws {
        if let n = changeFiles, !changeFilesRange.contains(n) { throw SnapshotPolicyError(.changeFilesOutOfRange, value: Int64(n)) }
        if let m = mebibytes, !mebibytesRange.contains(m) { throw SnapshotPolicyError(.mebibytesOutOfRange, value: m) }
    }

    /// Stores the thresholds in this device's database; `nil` goes back to the defaults.
    ///
    /// - throws: ``SnapshotPolicyError`` for a threshold out of ``changeFilesRange`` or
    ///   ``mebibytesRange`` (nothing is stored then).
    public static func store(_ policy: SnapshotPolicy?, in store: Store) throws {
        guard let policy else { return try store.setMetaValue(metaKey, nil) }
        try check(changeFiles: policy.changeFiles, mebibytes: policy.bytes >> 20)
        guard policy.bytes % (1 << 20) == 0 else { throw SnapshotPolicyError(.mebibytesOutOfRange, value: policy.bytes >> 20) }
        try store.setMetaValue(metaKey, policy.text)
    }

    /// `auto=on;files=256;bytes=33554432`.
    var text: String { "auto=\(automatic ? "on" : "off");files=\(changeFiles);bytes=\(bytes)" }

    static func parse(_ text: String) -> SnapshotPolicy? {
        var p = SnapshotPolicy.default
        var seen = Set<String>()
        for item in text.split(separator: ";") {
            let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2, seen.insert(kv[0]).inserted else { return nil }
            switch kv[0] {
            case "auto" where kv[1] == "on" || kv[1] == "off": p.automatic = kv[1] == "on"
            case "files": guard let n = Int(kv[1]), changeFilesRange.contains(n) else { return nil }; p.changeFiles = n
            case "bytes": guard let n = Int64(kv[1]), n > 0 else { return nil }; p.bytes = n
            default: return nil
            }
        }
        return seen == ["auto", "files", "bytes"] ? p : nil
    }
}
