import Foundation
import TouchbaseStore
import TouchbaseSync

/// Observations: what a screen shows, delivered again whenever it changes.
///
/// Each is an `AsyncThrowingStream` that yields the current value first, then a fresh value after
/// every change that alters it, whoever made it: this workspace, a sync running in this process,
/// or another process on the same database (a sync in another terminal, a background sync). Equal
/// values are not repeated, and a consumer that falls behind gets the newest value only. The
/// stream ends when the consuming task is cancelled, and with the error when a query fails.
///
/// ```swift
/// for try await contacts in workspace.observeContacts() {
///     render(contacts)
/// }
/// ```
extension Workspace {
    /// Fresh values of any query over the workspace, for the screens the named observations below
    /// do not cover (today's plan, a hub, a search).
    ///
    /// ```swift
    /// let plan = workspace.observe { try $0.todayPlan() }
    /// ```
    public func observe<T: Sendable & Equatable>(_ query: @escaping @Sendable (Workspace) throws -> T) -> AsyncThrowingStream<T, Error> {
        store.observe { [self] _ in try query(self) }
    }

    /// The visible contacts (neither deleted nor merged into another), by name.
    public func observeContacts() -> AsyncThrowingStream<[Record], Error> {
        store.observe { store in try store.records(RecordQuery(entity: "contact")) }
    }

    /// One contact, `nil` while there is none with that id. A merged duplicate is shown as the
    /// contact it was merged into, so a screen follows a merge made on another device.
    public func observeContact(_ id: RecordID) -> AsyncThrowingStream<Record?, Error> {
        store.observe { store in
            guard let record = try store.record("contact", id: id) else { return nil }
            if let survivor = record.survivor, let shown = try store.record("contact", id: survivor) { return shown }
            return record
        }
    }

    /// The open conflicts, in the canonical order every device shares.
    public func observeConflicts() -> AsyncThrowingStream<[Conflict], Error> {
        store.observe { store in try store.conflicts() }
    }

    /// The sync status: folder, what was applied, other devices, open conflicts.
    public func observeSyncStatus() -> AsyncThrowingStream<SyncStatus, Error> {
        store.observe { store in try Workspace.syncStatus(of: store) }
    }

    /// The sync status now.
    public func syncStatus() throws -> SyncStatus {
        try Workspace.syncStatus(of: store)
    }

    static func syncStatus(of store: Store) throws -> SyncStatus {
        let me = try store.device
        let devices = try store.devices()
        let others = devices.filter { $0.id != me }
        let version = try store.version()
        // A retired device is not waited for (Protocol/SPEC.md §3.7).
        let retired = try DeviceRetirement.retired(in: store)
        let acknowledged = others.filter { !retired.contains($0.id) }.map { $0.acknowledged?[me] ?? 0 }.min() ?? version[me]
        return SyncStatus(folderPath: try? FolderAccess(store: store).path(),
                          applied: version,
                          otherDevices: others.count,
                          lastSeen: others.compactMap(\.lastSeen).max(),
                          unacknowledged: version[me] - min(acknowledged, version[me]),
                          openConflicts: try store.conflicts().count)
    }
}
