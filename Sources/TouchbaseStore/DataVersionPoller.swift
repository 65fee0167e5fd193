import Foundation
import GRDB

/// Notices commits that GRDB's observation cannot see: those of other connections to the same
/// file, such as a sync in another process or a second ``Store`` opened on the same database.
///
/// SQLite's `PRAGMA data_version` changes, on one connection, whenever another connection has
/// committed since the last look. The poller keeps its own read-only connection for that (the
/// pool's readers rotate, and the number is only comparable on one connection), reads the number
/// once when it is made, and again every `interval`; each read is a few microseconds and takes no
/// lock a writer waits for.
struct DataVersionPoller: Sendable {
    /// What a poller reports to a test probe.
    enum Event: Sendable, Equatable {
        /// The poller read `data_version`.
        case polled
        /// The poller stopped (its task was cancelled) and closed its connection.
        case stopped
    }

    private let connection: DatabaseQueue
    /// `data_version` when the poller was made: commits after it count as changes.
    private let baseline: Int64

    /// Opens the polling connection on the database at `path` and reads the baseline.
    init(path: String) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(10)
        connection = try DatabaseQueue(path: path, configuration: config)
        baseline = try connection.inDatabase(DataVersionPoller.dataVersion)
    }

    /// Polls every `interval` until the calling task is cancelled, calling `changed` once per
    /// poll that saw a commit by another connection. The connection is closed on return.
    func run(every interval: Duration, probe: (@Sendable (Event) -> Void)? = nil, changed: @Sendable () -> Void) async {
        var last = baseline
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { break }
            // A read that fails (the file moved away, a busy recovery) is retried next time.
            guard let version = try? connection.inDatabase(DataVersionPoller.dataVersion) else { continue }
            probe?(.polled)
            if version != last {
                last = version
                changed()
            }
        }
        try? connection.close()
        probe?(.stopped)
    }

    private static func dataVersion(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0
    }
}
