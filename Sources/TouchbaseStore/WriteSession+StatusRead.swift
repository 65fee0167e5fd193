import TouchbaseCore

extension WriteSession {
    /// Of `records`, those this transaction has not read whose stored registers show the plain
    /// status (the rule of ``refreshStatus(of:)``: the `deleted` register does not show `true` and
    /// the `mergedInto` register shows no reference), told from their rows with only those two
    /// fields decoded. A record without a row has no registers and is plain.
    ///
    /// The records a batch's links point at (the contact of every new interaction) are mostly such
    /// records: their status is settled without decoding, caching and later dropping every field
    /// of their registers.
    func plainStatusesStored(_ records: some Collection<RecordKey>) throws -> Set<RecordKey> {
        guard !legacyRegisters else { return [] }
        var unread = Set<RecordKey>()
        for r in records where cache.records[r] == nil && !cache.statusFieldsWritten.contains(r) { unread.insert(r) }
        guard !unread.isEmpty else { return [] }
        var plain = unread
        try forEachStoredRow(of: unread) { key, bytes in
            let fields = try RegisterBlob.decode(bytes, only: { $0 == Merger.deletedField || $0 == Merger.mergedIntoField },
                                                 device: { try device(at: $0) })
            if !Self.showsPlainStatus(fields) { plain.remove(key) }
        }
        return plain
    }

    /// Whether registers show the plain status: the `deleted` register does not show `true` and
    /// the `mergedInto` register shows no reference (other fields are not looked at).
    static func showsPlainStatus(_ fields: [String: Register]) -> Bool {
        fields[Merger.deletedField]?.value != .bool(true) && fields[Merger.mergedIntoField]?.value.ref == nil
    }
}
