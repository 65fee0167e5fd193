extension RecordKey {
    /// The hash a `Set` or `Dictionary` of record keys places a key by: its id's
    /// (``RecordID/_rawHashValue(seed:)``), not a run of the standard `Hasher` per lookup. A batch
    /// of Changes looks a record key up several times per field update.
    ///
    /// Equal keys hash equally (the entity is left out, as in ``hash(into:)``); a hash that
    /// combines a key into a larger value still goes through ``hash(into:)``.
    public func _rawHashValue(seed: Int) -> Int {
        RecordID.mix(record.raw, seed: seed)
    }
}
