import Foundation
import TouchbaseCore
import TouchbaseStore

/// Stable JSON for `--json`: sorted keys, ids as hex, dates as ISO text.
public enum JSONOutput {
    /// Prints a JSON value (dictionaries, arrays, strings, numbers, bools, `NSNull`) and a newline.
    public static func print(_ object: Any) {
        var writer = JSONWriter()
        writer.out = JSONWriter.bytes(object) + [0x0A]
        writer.flush()
    }

    /// Prints a `Codable` output value as stable JSON (indented like ``print(_:)``, sorted keys,
    /// no escaped slashes) and a newline. Every `--json` shape is an `Encodable` type a script or an app can decode too.
    public static func emit<T: Encodable>(_ value: T) throws {
        var writer = JSONWriter()
        writer.out = Array(try encoded(value)) + [0x0A]
        writer.flush()
    }

    /// The stable JSON bytes of an `Encodable` value.
    public static func encoded<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Renders a JSON value as text.
    public static func render(_ object: Any) -> String {
        String(decoding: JSONWriter.bytes(object), as: UTF8.self)
    }

    /// A field value as JSON.
    public static func value(_ v: Value) -> Any {
        switch v {
        case .null: return NSNull()
        case .bool(let b): return b
        case .int(let i): return i
        case .text(let s): return s
        case .date(let d): return d.description
        case .ref(let id): return id.hex
        case .texts(let t): return t
        case .refs(let r): return r.map(\.hex)
        case .unknown(let tag, let bytes): return ["unknownKind": Int(tag), "bytes": bytes.count]
        }
    }

    /// A record as a JSON object: `id`, `entity`, and every set field.
    public static func record(_ r: Record) -> [String: Any] {
        var o: [String: Any] = ["id": r.id.hex, "entity": r.entity]
        for (k, v) in r.values { o[k] = value(v) }
        if r.deleted { o["deleted"] = true }
        if let s = r.survivor { o["mergedInto"] = s.hex }
        return o
    }
}
