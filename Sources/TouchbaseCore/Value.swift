/// The value of one field, as written by a put.
///
/// Value kinds that this version does not know arrive as ``unknown(tag:bytes:)`` and are kept and
/// forwarded byte for byte.
public enum Value: Hashable, Sendable, CustomStringConvertible {
    /// No value: the field was cleared.
    case null
    case bool(Bool)
    case int(Int64)
    case text(String)
    /// A calendar day, never an instant.
    case date(CalendarDate)
    /// A reference to another record.
    case ref(RecordID)
    /// An ordered list of strings (emails, phones, urls).
    case texts([String])
    /// An ordered list of references.
    case refs([RecordID])
    /// A value kind from a newer format, kept opaque.
    case unknown(tag: UInt8, bytes: [UInt8])

    /// The text, if this is a text value.
    public var text: String? { if case .text(let s) = self { return s } else { return nil } }
    /// The integer, if this is an int value.
    public var int: Int64? { if case .int(let i) = self { return i } else { return nil } }
    /// The flag, if this is a bool value.
    public var bool: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    /// The date, if this is a date value.
    public var date: CalendarDate? { if case .date(let d) = self { return d } else { return nil } }
    /// The reference, if this is a ref value.
    public var ref: RecordID? { if case .ref(let r) = self { return r } else { return nil } }
    /// The strings, if this is a list of texts.
    public var texts: [String]? { if case .texts(let t) = self { return t } else { return nil } }
    /// The references, if this is a list of refs.
    public var refs: [RecordID]? { if case .refs(let r) = self { return r } else { return nil } }
    /// Whether this is ``null``.
    public var isNull: Bool { self == .null }

    public var description: String {
        switch self {
        case .null: return "∅"
        case .bool(let b): return b ? "yes" : "no"
        case .int(let i): return String(i)
        case .text(let s): return s
        case .date(let d): return d.description
        case .ref(let r): return r.hex
        case .texts(let t): return t.joined(separator: ", ")
        case .refs(let r): return r.map(\.hex).joined(separator: ", ")
        case .unknown(let tag, let bytes): return "<unknown kind \(tag), \(bytes.count) bytes>"
        }
    }
}
