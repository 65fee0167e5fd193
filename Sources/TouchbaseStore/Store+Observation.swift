import Foundation
import GRDB

extension Store {
    /// How often an observation looks for commits of other processes (`PRAGMA data_version`).
    public static let observationPollInterval: Duration = .milliseconds(250)

    /// Fresh values of `query` whenever the database changes: its value now, then a new one after
    /// every commit that changes it, equal values left out.
    ///
    /// Changes are seen whoever makes them: this store (GRDB's transaction observation, at once),
    /// and any other connection to the file, such as a sync in another process or a second
    /// ``Store`` on the same database (SQLite's `data_version`, polled every `pollInterval` on a
    /// connection of its own). Values are fetched one at a time, each after the change that asked
    /// for it, so the last value delivered is never older than the last commit. A consumer that
    /// falls behind gets the newest value only.
    ///
    /// The sequence ends when the consuming task is cancelled or the stream is dropped (the
    /// polling stops with it), and with an error if `query` throws.
    ///
    /// ```swift
    /// for try await contacts in store.observe({ try $0.records(RecordQuery(entity: "contact")) }) {
    ///     show(contacts)
    /// }
    /// let count = store.observe { store in
    ///     try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM contact") ?? 0 }
    /// }
    /// ```
    public func observe<T: Sendable & Equatable>(pollInterval: Duration = Store.observationPollInterval,
                                                 _ query: @escaping @Sendable (Store) throws -> T) -> AsyncThrowingStream<T, Error> {
        observe(pollInterval: pollInterval, probe: nil, query)
    }

    /// ``observe(pollInterval:_:)`` with a probe that hears the poller (for tests).
    func observe<T: Sendable & Equatable>(pollInterval: Duration, probe: (@Sendable (DataVersionPoller.Event) -> Void)?,
                                          _ query: @escaping @Sendable (Store) throws -> T) -> AsyncThrowingStream<T, Error> {
        let (values, output) = AsyncThrowingStream<T, Error>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let task = Task { [self] in
            do {
                try await deliver(query, to: output, pollInterval: pollInterval, probe: probe)
                output.finish()
            } catch is CancellationError {
                output.finish()
            } catch {
                output.finish(throwing: error)
            }
        }
        output.onTermination = { _ in task.cancel() }
        return values
    }

    /// Yields the first value of `query`, then a fresh one after each change signal, until the
    /// task is cancelled.
    private func deliver<T: Sendable & Equatable>(_ query: @Sendable (Store) throws -> T, to output: AsyncThrowingStream<T, Error>.Continuation,
                                                  pollInterval: Duration, probe: (@Sendable (DataVersionPoller.Event) -> Void)?) async throws {
        // Change signals, coalesced: however many commits arrive during one fetch, one more
        // fetch follows it.
        let (signals, signal) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        var last: T?
        func emit() throws {
            let value = try query(self)
            if value != last {
                last = value
                output.yield(value)
            }
        }
        // Other connections: the poller's baseline is read before the first fetch, so a commit
        // between the two is never missed (at worst it costs one more fetch).
        let poller = isOnDisk ? try DataVersionPoller(path: path) : nil
        // This store's commits: a transaction observer on the writer connection. On disk it is
        // started after the first fetch (the poller covers the gap), so the first value never
        // waits behind a write of this process; in memory there is no poller, so it comes first.
        let observation = DatabaseRegionObservation(tracking: .fullDatabase)
        func startObserving() async throws -> AnyDatabaseCancellable {
            try await writer.writeWithoutTransaction { [writer] db in
                observation.start(in: writer, onError: { _ in signal.yield() }, onChange: { _ in signal.yield() })
            }
        }
        var local: AnyDatabaseCancellable?
        defer { local?.cancel() }
        if poller == nil { local = try await startObserving() }
        try emit()
        let polling = poller.map { poller in
            Task { await poller.run(every: pollInterval, probe: probe) { signal.yield() } }
        }
        defer { polling?.cancel() }
        if poller != nil { local = try await startObserving() }
        // The signal stream ends (returns nil) when this task is cancelled.
        for await _ in signals {
            try Task.checkCancellation()
            try emit()
        }
        try Task.checkCancellation()
    }
}
