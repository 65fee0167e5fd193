import Foundation
import GRDB
import TouchbaseCore

/// How a field's displayed value is kept in its typed column, and read back.
///
/// Texts and choices are TEXT, ints and bools INTEGER, dates ISO TEXT (never instants), references
/// 16-byte BLOBs, lists JSON arrays. A value of the wrong kind (from a newer or buggy writer) is
/// materialized as NULL; the register keeps it.
enum ColumnCoding {
    static func sqlType(_ type: FieldType) -> String {
        switch type {
        case .text, .choice, .date, .texts, .refs: return "TEXT"
        case .int, .bool: return "INTEGER"
        case .ref: return "BLOB"
        }
    }

    static func column(_ value: Value, as type: FieldType) -> DatabaseValue {
        guard type.accepts(value) else { return .null }
        switch value {
        case .null, .unknown: return .null
        case .bool(let b): return (b ? 1 : 0).databaseValue
        case .int(let i): return i.databaseValue
        case .text(let s): return s.databaseValue
        case .date(let d): return d.description.databaseValue
        case .ref(let id): return Data(id.raw.bytes).databaseValue
        case .texts(let list): return json(list).databaseValue
        case .refs(let ids): return json(ids.map(\.hex)).databaseValue
        }
    }

    static func value(_ db: DatabaseValue, as type: FieldType) -> Value {
        if db.isNull { return .null }
        switch type {
        case .text, .choice: return String.fromDatabaseValue(db).map(Value.text) ?? .null
        case .int: return Int64.fromDatabaseValue(db).map(Value.int) ?? .null
        case .bool: return Int64.fromDatabaseValue(db).map { .bool($0 != 0) } ?? .null
        case .date: return String.fromDatabaseValue(db).flatMap(CalendarDate.init).map(Value.date) ?? .null
        case .ref: return recordID(db).map(Value.ref) ?? .null
        case .texts: return .texts(strings(db))
        case .refs: return .refs(strings(db).compactMap(RecordID.init(hex:)))
        }
    }

    static func recordID(_ db: DatabaseValue) -> RecordID? {
        // Read the two big-endian halves directly: the generic `ID128(bytes:)` over a copied
        // `[UInt8]` cost about a tenth of `contact list` on 10,000 contacts.
        guard case .blob(let data) = db.storage, data.count == 16 else { return nil }
        return data.withUnsafeBytes { p in
            RecordID(ID128(high: UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                           low: UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self))))
        }
    }

    static func strings(_ db: DatabaseValue) -> [String] {
        guard let s = String.fromDatabaseValue(db), let data = s.data(using: .utf8),
              let list = try? JSONDecoder().decode([String].self, from: data) else { return [] }
        return list
    }

    static func json(_ list: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(list), as: UTF8.self)) ?? "[]"
    }
}
