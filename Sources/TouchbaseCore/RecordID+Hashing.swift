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
    ///
    /// Both halves are keyed by words drawn from the seed before they meet, in one full-width
    /// multiplication whose halves are folded together. Which ids collide therefore depends on the
    /// seed, which the standard library chooses per process and table: ids a hostile folder makes
    /// to collide under one seed do not collide under another, so they cannot pile up in one
    /// bucket of every peer's tables (a mix that folded the halves before the seed would let them).
    @inline(__always)
    static func mix(_ raw: ID128, seed: Int) -> Int {
        let k0 = spread(UInt64(bitPattern: Int64(seed)))
        let k1 = spread(k0)
        let folded = fold(raw.high ^ k0, raw.low ^ k1)
        return Int(bitPattern: UInt(truncatingIfNeeded: fold(folded ^ k1, 0x9E37_79B9_7F4A_7C15)))
    }

    /// The two halves of `a × b` (128 bits) xored together.
    @inline(__always)
    static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    /// A word spread from `x` (SplitMix64's step): keys drawn from the seed.
    @inline(__always)
    static func spread(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
