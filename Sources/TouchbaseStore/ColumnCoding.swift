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
        case .ref(let id): return id.databaseValue
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
        RecordID.fromDatabaseValue(db)
    }

    static func strings(_ db: DatabaseValue) -> [String] {
        guard let s = String.fromDatabaseValue(db) else { return [] }
        if let list = jsonStrings(s) { return list }
        // Anything the fast reader does not take (not an array of strings, control characters,
        // lone surrogates, …) goes through the full decoder, so the result never differs.
        guard let list = try? JSONDecoder().decode([String].self, from: Data(s.utf8)) else { return [] }
        return list
    }

    /// A JSON array of strings read directly from its UTF-8 bytes, or `nil` when `text` is anything
    /// else (or something unusual, left to `JSONDecoder`). A `JSONDecoder` per list column per row
    /// cost about half of `contact list` on 10,000 contacts.
    static func jsonStrings(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            let n = bytes.count
            var i = 0
            func skipSpace() {
                while i < n, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
            }
            func hex4() -> UInt32? {
                guard i + 4 <= n else { return nil }
                var v: UInt32 = 0
                for k in 0..<4 {
                    let c = bytes[i + k]
                    let d: UInt8
                    switch c {
                    case 0x30...0x39: d = c - 0x30
                    case 0x41...0x46: d = c - 0x41 + 10
                    case 0x61...0x66: d = c - 0x61 + 10
                    default: return nil
                    }
                    v = v << 4 | UInt32(d)
                }
                i += 4
                return v
            }
            // One string, `i` just after its opening quote; `i` ends after its closing quote.
            func string() -> String? {
                let start = i
                while i < n, bytes[i] != 0x22, bytes[i] != 0x5C {
                    if bytes[i] < 0x20 { return nil }
                    i += 1
                }
                guard i < n else { return nil }
                if bytes[i] == 0x22 {
                    defer { i += 1 }
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                }
                var out = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<i]))
                while i < n {
                    let c = bytes[i]
                    if c == 0x22 { i += 1; return String(decoding: out, as: UTF8.self) }
                    if c < 0x20 { return nil }
                    if c != 0x5C { out.append(c); i += 1; continue }
                    i += 1
                    guard i < n else { return nil }
                    let e = bytes[i]
                    i += 1
                    switch e {
                    case 0x22, 0x5C, 0x2F: out.append(e)
                    case 0x62: out.append(0x08)
                    case 0x66: out.append(0x0C)
                    case 0x6E: out.append(0x0A)
                    case 0x72: out.append(0x0D)
                    case 0x74: out.append(0x09)
                    case 0x75:
                        guard var code = hex4() else { return nil }
                        if code >= 0xD800 && code < 0xDC00 {
                            guard i + 6 <= n, bytes[i] == 0x5C, bytes[i + 1] == 0x75 else { return nil }
                            i += 2
                            guard let low = hex4(), low >= 0xDC00 && low < 0xE000 else { return nil }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else if code >= 0xDC00 && code < 0xE000 {
                            return nil
                        }
                        guard let scalar = Unicode.Scalar(code) else { return nil }
                        out.append(contentsOf: UTF8.encode(scalar)!)
                    default: return nil
                    }
                }
                return nil
            }
            skipSpace()
            guard i < n, bytes[i] == 0x5B else { return nil }
            i += 1
            skipSpace()
            var list: [String] = []
            if i < n, bytes[i] == 0x5D {
                i += 1
            } else {
                while true {
                    guard i < n, bytes[i] == 0x22 else { return nil }
                    i += 1
                    guard let s = string() else { return nil }
                    list.append(s)
                    skipSpace()
                    guard i < n else { return nil }
                    if bytes[i] == 0x5D { i += 1; break }
                    guard bytes[i] == 0x2C else { return nil }
                    i += 1
                    skipSpace()
                }
            }
            skipSpace()
            return i == n ? list : nil
        }
    }

    static func json(_ list: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(list), as: UTF8.self)) ?? "[]"
    }
}
