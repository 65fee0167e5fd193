extension DeviceID {
    /// The hash a `Set` or `Dictionary` of device ids places an id by: its 128 random bits mixed
    /// with the table's `seed` (``RecordID/_rawHashValue(seed:)``'s mix), not a run of the standard
    /// `Hasher` per lookup. Applying a Change looks its authors up in version vectors and the
    /// device table once or twice per field update.
    ///
    /// Equal ids hash equally; a hash that combines an id into a larger value (a ``Dot``) still
    /// goes through `hash(into:)`. Nothing orders or decides by this value.
    public func _rawHashValue(seed: Int) -> Int {
        RecordID.mix(raw, seed: seed)
    }
}
