import Foundation
import GRDB
import TouchbaseCore

/// The Store from Swift concurrency: reads and writes that suspend the calling task instead of
/// blocking its thread while they wait for a connection.
///
/// The write entry points carry an `Async` suffix rather than overloading the synchronous ones: in
/// an `async` function, Swift prefers an `async` overload, so every existing synchronous call
/// there would stop compiling until it is marked `await`.
extension Store {
    /// A read-only look at the database, in one read transaction (a consistent snapshot). On disk
    /// it runs on a reader connection and never waits behind a write.
    ///
    /// ```swift
    /// let count = try await store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM contact") }
    /// ```
    public func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await writer.read(body)
    }

    /// ``commit(_:)`` from an async context: one local edit, one transaction.
    ///
    /// - Returns: the Change, or `nil` when `ops` is empty.
    @discardableResult
    public func commitAsync(_ ops: [Op]) async throws -> Change? {
        guard !ops.isEmpty else { return nil }
        for op in ops { try Store.validate(op) }
        let now = environment.now()
        return try await writeSessionAsync { session in try Store.commitLocal(ops, now: now, in: &session) }
    }

    /// ``apply(_:)`` from an async context: one batch of other devices' Changes, one transaction.
    public func applyAsync(_ changes: [Change]) async throws -> ApplyReport {
        try await writeSessionAsync { [environment] session in try Store.apply(changes, now: environment.now, in: &session) }
    }

    /// ``setMetaValue(_:_:)`` from an async context.
    public func setMetaValueAsync(_ key: String, _ value: String?) async throws {
        try await writer.write { db in try Store.setMetaValue(key, value, db) }
    }

    /// ``writeSession(_:)`` from an async context.
    func writeSessionAsync<T: Sendable>(_ body: @escaping @Sendable (inout WriteSession) throws -> T) async throws -> T {
        try await writer.writeWithoutTransaction { db in try Store.inWriteSession(db, cache: writeCache, body) }
    }
}
