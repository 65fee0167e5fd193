extension RecordID {
    /// The hash a `Set` or `Dictionary` of record ids places an id by: its 128 bits and the
    /// table's `seed` folded and mixed in a few multiplications, not a run of the standard
    /// `Hasher` (SipHash) per lookup. A batch of Changes looks ids and record keys up several
    /// times per field update (its registers, its log's record table). Ids are random or derived
    /// from a digest, and the mix also spreads ids that share bytes over a table's low bits.
    ///
    /// Equal ids hash equally; a hash that combines an id into a larger value still goes through
    /// `hash(into:)`. Nothing orders or decides by this value.
    public func _rawHashValue(seed: Int) -> Int {
        Self.mix(raw, seed: seed)
    }

    /// The mix of ``_rawHashValue(seed:)``: 128 bits and a seed folded to one word.
    @inline(__always)
    static func mix(_ raw: ID128, seed: Int) -> Int {
        var x = raw.high ^ (raw.low &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(bitPattern: Int64(seed))
        x ^= x >> 32
        x &*= 0xD6E8_FEB8_6659_FD93
        x ^= x >> 32
        x &*= 0xD6E8_FEB8_6659_FD93
        x ^= x >> 32
        return Int(bitPattern: UInt(truncatingIfNeeded: x))
    }
}
