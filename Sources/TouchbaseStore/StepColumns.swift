import Foundation
import GRDB
import GRDBSQLite
import TouchbaseCore

/// The columns of the row a statement has just stepped to, read through the SQLite C API: a record
/// id straight from its 16 bytes, a date from its `YYYY-MM-DD` text in place, with no `Data` or
/// `DatabaseValue` made per value. The reads of the day's plan and the board step through some
/// 100,000 rows; each value reads as ``Store/wfID(_:)``, ``Store/wfDate(_:)`` and GRDB's own
/// decoding read it (a value of another storage class goes through GRDB).
///
/// Valid only between a step of the statement and the next (read the columns inside the loop).
struct StepColumns {
    private let raw: SQLiteStatement

    /// The columns of `statement`'s current row.
    init(_ statement: Statement) { raw = statement.sqliteStatement }

    /// A 16-byte BLOB as a record id; `nil` for anything else.
    func id(_ i: CInt) -> RecordID? {
        guard sqlite3_column_type(raw, i) == SQLITE_BLOB, sqlite3_column_bytes(raw, i) == 16, let p = sqlite3_column_blob(raw, i) else { return nil }
        return RecordID(ID128(high: UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                              low: UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self))))
    }

    /// A TEXT value as a calendar date (``CalendarDate/init(_:)``); `nil` for anything else.
    func date(_ i: CInt) -> CalendarDate? {
        guard sqlite3_column_type(raw, i) == SQLITE_TEXT, let p = sqlite3_column_text(raw, i) else { return nil }
        let n = Int(sqlite3_column_bytes(raw, i))
        let bytes = UnsafeBufferPointer(start: p, count: n)
        // The stored form, `YYYY-MM-DD`, parsed in place; any other text as CalendarDate parses it.
        if n == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") {
            var digits = true
            func number(_ range: Range<Int>) -> Int {
                var v = 0
                for k in range {
                    let b = bytes[k]
                    if b < 48 || b > 57 { digits = false }
                    v = v &* 10 &+ Int(b) &- 48
                }
                return v
            }
            let y = number(0..<4), m = number(5..<7), d = number(8..<10)
            return digits ? CalendarDate(year: y, month: m, day: d) : nil
        }
        return CalendarDate(String(cString: p))
    }

    /// Each id of a TEXT value holding a JSON list of hex ids (`["0a1b…", …]`), read in place
    /// without a JSON decoder or a `String`: every run of exactly 32 hex digits is an id, and the
    /// text ends at its first NUL byte (as GRDB reads text). Nothing for another storage class.
    func ids(inJSON i: CInt, _ body: (RecordID) -> Void) {
        guard sqlite3_column_type(raw, i) == SQLITE_TEXT, let p = sqlite3_column_text(raw, i) else { return }
        let bytes = UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(raw, i)))
        var high: UInt64 = 0, low: UInt64 = 0, count = 0
        for c in bytes {
            if c == 0 { break }
            let v: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): v = c - UInt8(ascii: "A") + 10
            default:
                if count == 32 { body(RecordID(ID128(high: high, low: low))) }
                high = 0; low = 0; count = 0
                continue
            }
            if count < 16 { high = high << 4 | UInt64(v) } else if count < 32 { low = low << 4 | UInt64(v) }
            count += 1
        }
    }

    /// A value as text, `nil` for NULL (another storage class as GRDB decodes it).
    func text(_ i: CInt) -> String? {
        switch sqlite3_column_type(raw, i) {
        case SQLITE_NULL: return nil
        case SQLITE_TEXT:
            // As GRDB reads text (up to a NUL byte).
            guard let p = sqlite3_column_text(raw, i) else { return nil }
            return String(cString: p)
        default: return String.fromDatabaseValue(DatabaseValue(sqliteStatement: raw, index: i))
        }
    }

    /// A value as an integer, `nil` for NULL (another storage class as GRDB decodes it).
    func int(_ i: CInt) -> Int? {
        switch sqlite3_column_type(raw, i) {
        case SQLITE_NULL: return nil
        case SQLITE_INTEGER: return Int(sqlite3_column_int64(raw, i))
        default: return Int.fromDatabaseValue(DatabaseValue(sqliteStatement: raw, index: i))
        }
    }
}
