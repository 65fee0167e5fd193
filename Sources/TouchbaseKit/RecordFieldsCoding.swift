import Foundation
import TouchbaseCore

/// The JSON form of a record's fields, shared by ``Contact`` and ``Hub``: one key per set field,
/// ids as hex, dates as ISO text, lists as arrays; `deleted` only when deleted, `mergedInto` only
/// for a merged duplicate.
package enum RecordFieldsCoding {
    /// A JSON object key of any name.
    package struct Key: CodingKey {
        package var stringValue: String
        package var intValue: Int? { nil }
        package init(_ string: String) { stringValue = string }
        package init?(stringValue: String) { self.stringValue = stringValue }
        package init?(intValue: Int) { nil }
    }

    /// Writes `id`, `entity`, every field, `deleted` and `mergedInto`.
    package static func encode(id: RecordID, entity: String, fields: [String: Value], deleted: Bool, mergedInto: RecordID?,
                       to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(id.hex, forKey: Key("id"))
        try c.encode(entity, forKey: Key("entity"))
        for (field, value) in fields where field != Merger.deletedField && field != Merger.mergedIntoField {
            try encode(value, forKey: Key(field), in: &c)
        }
        if deleted { try c.encode(true, forKey: Key("deleted")) }
        if let mergedInto { try c.encode(mergedInto.hex, forKey: Key("mergedInto")) }
    }

    /// One value: `null`, a bool, a number, a string, an array of strings; a value of a kind this
    /// version does not know is `{"unknownKind": tag, "bytes": size}`.
    package static func encode(_ value: Value, forKey key: Key, in c: inout KeyedEncodingContainer<Key>) throws {
        switch value {
        case .null: try c.encodeNil(forKey: key)
        case .bool(let b): try c.encode(b, forKey: key)
        case .int(let i): try c.encode(i, forKey: key)
        case .text(let s): try c.encode(s, forKey: key)
        case .date(let d): try c.encode(d.description, forKey: key)
        case .ref(let id): try c.encode(id.hex, forKey: key)
        case .texts(let t): try c.encode(t, forKey: key)
        case .refs(let r): try c.encode(r.map(\.hex), forKey: key)
        case .unknown(let tag, let bytes): try c.encode(["unknownKind": Int(tag), "bytes": bytes.count], forKey: key)
        }
    }

    /// Reads what ``encode(id:entity:fields:deleted:mergedInto:to:)`` wrote, each known field by its
    /// schema type, any other field by its JSON kind; `skipping` are keys a wrapper added (a list
    /// row's `tags`), not fields.
    package static func decode(entity: String, skipping: Set<String> = [], from decoder: any Decoder) throws
        -> (id: RecordID, fields: [String: Value], deleted: Bool, mergedInto: RecordID?) {
        let c = try decoder.container(keyedBy: Key.self)
        let hex = try c.decode(String.self, forKey: Key("id"))
        guard let id = RecordID(hex: hex) else {
            throw DecodingError.dataCorruptedError(forKey: Key("id"), in: c, debugDescription: "not a record id")
        }
        let schema = Schema.entity(entity)
        var fields: [String: Value] = [:]
        var deleted = false
        var mergedInto: RecordID?
        for key in c.allKeys {
            switch key.stringValue {
            case "id", "entity": continue
            case let key where skipping.contains(key): continue
            case "deleted": deleted = try c.decode(Bool.self, forKey: key)
            case "mergedInto": mergedInto = RecordID(hex: try c.decode(String.self, forKey: key))
            default:
                if let value = try decode(key, type: schema?.type(of: key.stringValue), in: c), value != .null {
                    fields[key.stringValue] = value
                }
            }
        }
        return (id, fields, deleted, mergedInto)
    }

    private static func decode(_ key: Key, type: FieldType?, in c: KeyedDecodingContainer<Key>) throws -> Value? {
        if try c.decodeNil(forKey: key) { return .null }
        switch type {
        case .text?, .choice?: return .text(try c.decode(String.self, forKey: key))
        case .int?: return .int(try c.decode(Int64.self, forKey: key))
        case .bool?: return .bool(try c.decode(Bool.self, forKey: key))
        case .date?: return CalendarDate(try c.decode(String.self, forKey: key)).map(Value.date)
        case .ref?: return RecordID(hex: try c.decode(String.self, forKey: key)).map(Value.ref)
        case .texts?: return .texts(try c.decode([String].self, forKey: key))
        case .refs?: return .refs(try c.decode([String].self, forKey: key).compactMap(RecordID.init(hex:)))
        case nil:
            if let b = try? c.decode(Bool.self, forKey: key) { return .bool(b) }
            if let i = try? c.decode(Int64.self, forKey: key) { return .int(i) }
            if let s = try? c.decode(String.self, forKey: key) { return .text(s) }
            if let list = try? c.decode([String].self, forKey: key) { return .texts(list) }
            return nil
        }
    }
}
