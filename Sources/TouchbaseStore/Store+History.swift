import Foundation
import GRDB
import TouchbaseCore

extension Store {
    /// The Changes that touched a record, oldest first (by clock stamp, then device).
    ///
    /// The record ↔ Change index is brought up to date with the log first (``withHistoryIndex(_:_:)``).
    ///
    /// Stamps are u64 kept as their signed bit pattern (see ``WriteSession/storedStamp(_:)``), so
    /// the order puts the negative patterns (stamps of 2^63 and above) last.
    public func history(of record: RecordID) throws -> [HistoryEntry] {
        let names = try deviceNames()
        let rows = try Store.withHistoryIndex(writer) { db in
            try Data.fetchAll(db, sql: """
                SELECT c.data FROM recordChange r JOIN change c ON c.dev = r.dev AND c.seq = r.seq
                WHERE r.record = ? ORDER BY c.hlc < 0, c.hlc, c.dev
                """, arguments: [record])
        }
        return try rows.flatMap { data in
            try ChangeCodec.decode([UInt8](data)).map { c in
                HistoryEntry(dot: c.dot, hlc: c.hlc, deviceName: names[c.device], ops: c.ops.filter { $0.record == record })
            }
        }
    }
}
