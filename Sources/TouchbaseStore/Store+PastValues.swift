import Foundation
import GRDB
import TouchbaseCore

extension Store {
    /// Every text a field of an entity has held, per record, in the order the log wrote them
    /// (clock stamp, then device), from the whole change log: the earlier organisations of a
    /// contact, for example, that an import or an edit has since replaced. Empty texts are left out.
    public func textsEverWritten(entity: String, field: String) throws -> [RecordID: [String]] {
        try writer.read { db in
            var out: [RecordID: [String]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT data FROM change ORDER BY hlc < 0, hlc, dev")
            while let row = try rows.next() {
                for change in try ChangeCodec.decode([UInt8](row["data"] as Data)) {
                    for op in change.ops where op.entity == entity && op.field == field {
                        guard let text = op.value.text, !text.isEmpty else { continue }
                        if out[op.record]?.last != text { out[op.record, default: []].append(text) }
                    }
                }
            }
            return out
        }
    }
}
