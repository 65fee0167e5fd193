extension Value {
    /// A self-contained byte form of one value (the Change-batch value encoding, with references
    /// written as 16 bytes instead of table indexes). Used to store register values.
    public var encodedBytes: [UInt8] {
        var w = ByteWriter(capacity: 16)
        encode(into: &w)
        return w.bytes
    }

    /// Appends ``encodedBytes`` to `w`.
    public func encode(into w: inout ByteWriter) {
        switch self {
        case .ref(let id):
            w.byte(ChangeCodec.Tag.ref)
            w.raw(id.raw.bytes)
        case .refs(let ids):
            w.byte(ChangeCodec.Tag.refs)
            w.varint(UInt64(ids.count))
            for id in ids { w.raw(id.raw.bytes) }
        default:
            ChangeCodec.encode(self, into: &w, tables: ChangeCodec.Tables())
        }
    }

    /// Reads ``encodedBytes``.
    public init(encodedBytes bytes: [UInt8]) throws {
        try self.init(encodedBytes: bytes, in: bytes.startIndex..<bytes.endIndex)
    }

    /// Reads ``encodedBytes`` held in `bytes[range]` (a value stored inside a larger encoding),
    /// without copying them out first.
    public init(encodedBytes bytes: [UInt8], in range: Range<Int>) throws {
        var r = ByteReader(bytes, range: range)
        let tag = try r.byte()
        switch tag {
        case ChangeCodec.Tag.ref:
            self = .ref(RecordID(ID128(bytes: try r.raw(16))!))
        case ChangeCodec.Tag.refs:
            self = .refs(try (0..<r.count(limit: r.remaining / 16)).map { _ in RecordID(ID128(bytes: try r.raw(16))!) })
        default:
            r = ByteReader(bytes, range: range)
            self = try ChangeCodec.decodeValue(&r, records: [])
        }
        guard r.isAtEnd else { throw CodecError.malformed("trailing bytes after value", at: r.offset) }
    }
}
