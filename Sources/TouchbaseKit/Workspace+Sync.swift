import TouchbaseStore
import Foundation

/// Syncing with the shared folder: async, with progress values, cancellable.
extension Workspace {
    /// Syncs with the folder: imports what other devices published, publishes this device's new
    /// changes, and writes its device card and acknowledgement.
    ///
    /// The work runs on a thread of its own, so the caller's executor is never blocked.
    ///
    /// **Progress** is reported as ``SyncProgress`` values through `progress`, called on the sync's
    /// thread: one before reading each file of another device, one when the import is done (none
    /// when there is nothing to read).
    ///
    /// **Cancellation** follows Swift task cancellation: cancelling the calling task stops the
    /// import before the next file, after applying (in one transaction) what had already passed the
    /// gates, and throws `CancellationError`. Nothing is published then. The database stays
    /// consistent: every batch is applied and recorded as applied in one transaction, so the next
    /// sync resumes where this one stopped and converges.
    ///
    /// - parameters:
    ///   - folder: the folder from ``openFolder(encrypt:passphrase:)``.
    ///   - progress: called with each progress value (optional).
    /// - returns: what the sync did. A refusal to publish (``SyncReport/identityClash``,
    ///   ``SyncReport/signingKeyReplaced``) is reported, not thrown; ``rekeyDevice(passphrase:)`` fixes it.
    /// - throws: `CancellationError`, ``SyncError``, ``FolderAccessError``, ``ExchangeError`` for
    ///   folder-level failures (a damaged file is reported, not thrown).
    public func sync(_ folder: SyncFolder, progress: (@Sendable (SyncProgress) -> Void)? = nil) async throws -> SyncReport {
        try await sync(folder, batchSize: nil, progress: progress)
    }

    /// ``sync(_:progress:)`` applying `batchSize` changes per transaction (tests use small batches).
    package func sync(_ folder: SyncFolder, batchSize: Int?, progress: (@Sendable (SyncProgress) -> Void)?) async throws -> SyncReport {
        try Task.checkCancellation()
        let flag = CancellationFlag()
        let store = self.store
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<SyncReport, any Error>) in
                let thread = Thread {
                    do {
                        var engine = SyncEngine(store: store, folder: folder.shared)
                        if let batchSize { engine.batchSize = batchSize }
                        engine.progress = { done, total in progress?(SyncProgress(phase: .importing, filesRead: done, filesTotal: total)) }
                        engine.snapshotProgress = { done, total in progress?(SyncProgress(phase: .seeding, filesRead: done, filesTotal: total)) }
                        engine.shouldStop = { flag.isCancelled }
                        continuation.resume(returning: try engine.sync())
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }
                thread.stackSize = 8 << 20
                thread.start()
            }
        } onCancel: {
            flag.cancel()
        }
    }

    /// The names of the devices this database knows (this one included), by id.
    public func deviceNames() throws -> [DeviceID: String] {
        try store.deviceNames()
    }
}
