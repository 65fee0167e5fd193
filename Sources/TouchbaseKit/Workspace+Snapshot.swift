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

    /// The changes of the snapshot this database was seeded from when it joined its folder, as a
    /// description of the covered version vector; nil when it was not seeded from one.
    public func seededSnapshot() throws -> String? { try store.seededSnapshot() }
}
