/// Appends the primitive encodings of the Touchbase formats: LEB128 varints, zigzag integers,
/// length-prefixed UTF-8 and raw bytes.
public struct ByteWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty writer.
    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Forgets what was written, keeping the storage for the next bytes.
    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// One byte.
    public mutating func byte(_ b: UInt8) { bytes.append(b) }

    /// Raw bytes, without a length.
    public mutating func raw<C: Sequence>(_ b: C) where C.Element == UInt8 { bytes.append(contentsOf: b) }

    /// An unsigned LEB128 varint.
    public mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// A signed integer, zigzag-encoded then written as a varint.
    public mutating func zigzag(_ value: Int64) {
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// A varint length followed by the UTF-8 bytes.
    public mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            varint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// A fixed-width big-endian integer.
    public mutating func uint32BE(_ v: UInt32) {
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: v >> UInt32(shift))) }
    }

    /// A fixed-width big-endian integer.
    public mutating func uint64BE(_ v: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(shift))) }
    }
}
