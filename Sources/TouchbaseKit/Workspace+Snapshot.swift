import Foundation
import TouchbaseStore
import TouchbaseSync

/// Snapshots: the whole state written to the shared folder, so that a new device joins from it
/// plus the changes after it instead of the whole history.
extension Workspace {
    /// Writes a snapshot of this database's whole state to the folder: every field with all its
    /// concurrent values (open conflicts survive), the deleted and merged status of every record,
    /// and the changes it covers. A sync also writes one by itself once this device's own change
    /// files pass the thresholds.
    ///
    /// The work runs on a thread of its own. Interrupted, it leaves no snapshot under its name
    /// (only parts that nothing names) and the database untouched; writing again finishes it.
    ///
    /// - parameter folder: the folder from ``openFolder(encrypt:passphrase:)``.
    /// - throws: ``FolderAccessError``, or an exchange error when the folder refuses a write.
    public func writeSnapshot(_ folder: SyncFolder) async throws -> SnapshotSummary {
        let store = self.store
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<SnapshotSummary, any Error>) in
            let thread = Thread {
                do {
                    let r = try SyncEngine(store: store, folder: folder.shared).writeSnapshot()
                    continuation.resume(returning: SnapshotSummary(path: r.path, covers: r.covers, records: r.records, parts: r.parts,
                                                                   newlyWritten: r.newlyWritten))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// When this device writes a snapshot by itself after a sync (this device only; never synced).
    public func snapshotSettings() throws -> SnapshotSettings {
        let own = try SnapshotPolicy.own(in: store)
        return SnapshotSettings(own ?? .default, isSet: own != nil)
    }

    /// Changes when this device writes a snapshot by itself after a sync: on or off, after how many
    /// of its own change files, or after how many MiB of its own changes, whichever comes first.
    /// What is not given stays as it is. Kept in this device's database, never synced; the next
    /// sync follows it. `reset` goes back to the defaults first.
    ///
    /// - returns: the settings now in effect.
    /// - throws: ``SnapshotPolicyError`` for a number out of range (nothing changes then).
    @discardableResult
    public func setSnapshotSettings(automatic: Bool? = nil, changeFiles: Int? = nil, mebibytes: Int64? = nil,
                                    reset: Bool = false) throws -> SnapshotSettings {
        try SnapshotPolicy.check(changeFiles: changeFiles, mebibytes: mebibytes)
        var policy = reset ? SnapshotPolicy.default : try SnapshotPolicy.stored(in: store)
        if let automatic { policy.automatic = automatic }
        if let changeFiles { policy.changeFiles = changeFiles }
        if let mebibytes { policy.bytes = mebibytes << 20 }
        if reset && automatic == nil && changeFiles == nil && mebibytes == nil {
            try SnapshotPolicy.store(nil, in: store)
        } else {
            try SnapshotPolicy.store(policy, in: store)
        }
        return try snapshotSettings()
    }

    /// The changes of the snapshot this database was seeded from when it joined its folder, as a
    /// description of the covered version vector; nil when it was not seeded from one.
    public func seededSnapshot() throws -> String? { try store.seededSnapshot() }
}
