/// Reads what ``ByteWriter`` writes, checking every length against what is left, so a hostile or
/// truncated input fails with ``CodecError`` and never traps or over-allocates.
public struct ByteReader: Sendable {
    private let bytes: [UInt8]
    /// The read position.
    public private(set) var offset: Int
    private let end: Int

    /// Reads `bytes[range]` (all of it by default).
    public init(_ bytes: [UInt8], range: Range<Int>? = nil) {
        self.bytes = bytes
        self.offset = range?.lowerBound ?? 0
        self.end = range?.upperBound ?? bytes.count
    }

    /// Bytes not yet read.
    public var remaining: Int { end - offset }
    /// Whether everything was read.
    public var isAtEnd: Bool { offset >= end }

    /// One byte.
    public mutating func byte() throws -> UInt8 {
        guard offset < end else { throw CodecError.truncated(at: offset) }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// `count` raw bytes.
    public mutating func raw(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else { throw CodecError.truncated(at: offset) }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    /// An unsigned LEB128 varint of at most 10 bytes.
    public mutating func varint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            if shift == 63 && b > 1 { throw CodecError.malformed("varint overflows 64 bits", at: offset - 1) }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw CodecError.malformed("varint longer than 10 bytes", at: offset) }
        }
    }

    /// A varint that must fit in `Int` and not exceed `limit`.
    public mutating func count(limit: Int) throws -> Int {
        let at = offset
        let v = try varint()
        guard v <= UInt64(limit) else { throw CodecError.malformed("count \(v) exceeds \(limit)", at: at) }
        return Int(v)
    }

    /// A zigzag-encoded signed integer.
    public mutating func zigzag() throws -> Int64 {
        let v = try varint()
        return Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
    }

    /// A length-prefixed UTF-8 string; invalid UTF-8 is an error.
    public mutating func string() throws -> String {
        let at = offset
        let n = try count(limit: remaining)
        let start = offset
        _ = try raw(n)  // checks that `n` bytes are left after the length itself
        let s = bytes.withUnsafeBufferPointer { all in Self.text(UnsafeBufferPointer(rebasing: all[start..<start + n])) }
        guard let s else { throw CodecError.malformed("invalid UTF-8", at: at) }
        return s
    }

    /// The text of `utf8`, or nil when it is not valid UTF-8. Text that is all ASCII (field names,
    /// most values) is always valid and takes the direct copy; other text is validated in full.
    /// Both are on contiguous bytes, where the generic `String(validating:as:)` over an array slice
    /// is not specialized and costs several times more per string.
    @inline(__always)
    static func text(_ utf8: UnsafeBufferPointer<UInt8>) -> String? {
        var high: UInt8 = 0
        for b in utf8 { high |= b }
        if high < 0x80 { return String(decoding: utf8, as: UTF8.self) }
        return String(validating: utf8, as: UTF8.self)
    }

    /// A fixed-width big-endian integer.
    public mutating func uint32BE() throws -> UInt32 {
        try raw(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// A fixed-width big-endian integer.
    public mutating func uint64BE() throws -> UInt64 {
        try raw(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}
