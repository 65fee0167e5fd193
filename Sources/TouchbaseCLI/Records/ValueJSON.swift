import TouchbaseCore
import TouchbaseKit

/// One field value in `--json` output: null, a bool, a number, text (dates as `YYYY-MM-DD`, ids as
/// hex), a list of text or ids, or `{"unknownKind": tag, "bytes": count}` for a kind this version
/// does not know (a record's fields, a conflict's values, a history's puts).
struct ValueJSON: Encodable {
    var value: Value

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch value {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .text(let s): try c.encode(s)
        case .date(let d): try c.encode(d.description)
        case .ref(let id): try c.encode(id.hex)
        case .texts(let t): try c.encode(t)
        case .refs(let r): try c.encode(r.map(\.hex))
        case .unknown(let tag, let bytes): try c.encode(["unknownKind": Int(tag), "bytes": bytes.count])
        }
    }
}
