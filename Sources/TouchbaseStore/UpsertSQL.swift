import Foundation

/// The SQL text of the statements that write one set of an entity's columns
/// (``EntityTable/insertSQL(_:)`` and ``EntityTable/updateSQL(_:)``), built once per shape for the
/// whole process: each single edit is its own transaction, and would otherwise build the same text
/// again before looking up its prepared statement.
final class UpsertSQL: @unchecked Sendable {
    /// The texts of every shape used so far (a few per entity: the sets of fields edits write).
    static let shared = UpsertSQL()

    private let lock = NSLock()
    private var texts: [RegisterCache.UpsertShape: (insert: String, update: String?)] = [:]

    /// The insert and update texts that write the columns at `positions` (ascending) of `entity`,
    /// whose shape is `shape`; no update text when `positions` is empty.
    func texts(_ entity: EntityTable, _ positions: [Int], shape: RegisterCache.UpsertShape) -> (insert: String, update: String?) {
        if let known = lock.withLock({ texts[shape] }) { return known }
        let made = Self.make(entity, positions)
        lock.withLock { texts[shape] = made }
        return made
    }

    /// The insert and update texts for the columns at `positions` of `entity`, built now.
    static func make(_ entity: EntityTable, _ positions: [Int]) -> (insert: String, update: String?) {
        (insert: entity.insertSQL(positions), update: positions.isEmpty ? nil : entity.updateSQL(positions))
    }
}
