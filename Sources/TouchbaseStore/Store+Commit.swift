import Foundation
import GRDB
import TouchbaseCore

extension Store {
    /// Makes one local edit: validates the puts, stamps them as the next Change of this device and
    /// applies them, in one transaction.
    ///
    /// - Returns: the Change, or `nil` when `ops` is empty.
    /// - throws: ``StoreError/invalidValue(entity:field:value:)`` or ``StoreError/unknownField(entity:field:)``;
    ///   nothing is written then.
    @discardableResult
    public func commit(_ ops: [Op]) throws -> Change? {
        try commit(ops, reading: nil)
    }

    /// ``commit(_:)`` with more puts built from what `reading` finds inside the edit's own transaction
    /// (a read-modify-write that no other process can slip into).
    func commit(_ given: [Op], reading: ((inout WriteSession) throws -> [Op])?) throws -> Change? {
        guard !given.isEmpty || reading != nil else { return nil }
        for op in given { try Store.validate(op) }
        let now = environment.now()
        return try writeSession { session in
            let ops = try given + (reading?(&session) ?? [])
            for op in ops.dropFirst(given.count) { try Store.validate(op) }
            guard !ops.isEmpty else { return nil }
            return try Store.commitLocal(ops, now: now, in: &session)
        }
    }

    /// Stamps validated `ops` as the next Change of this device and applies it, inside the caller's
    /// transaction (several Changes may share one: a large import).
    static func commitLocal(_ ops: [Op], now: UInt64, in session: inout WriteSession) throws -> Change {
        // The device id and the clock are read inside the transaction (or kept from the previous
        // edit while nothing else wrote the database): a re-key by another process can never slip
        // between them and the write.
        let tracked = session.reuse.holds(session.db)
        let (device, last) = try session.localIdentity()
        var clock = HybridClock(last: last)
        let seq = session.version[device] + 1
        // The links of format 3.0 (Protocol/SPEC.md §3.6): this device's previous Change, and the
        // Change of every other device it was made on top of.
        var digests: [DeviceID: [UInt8]] = [:]
        for (d, s) in session.version.sorted where d != device { digests[d] = try session.digest(of: Dot(device: d, seq: s)) ?? ChangeCodec.unknownDigest }
        let change = Change(device: device, seq: seq, hlc: clock.tick(wallMilliseconds: now), deps: session.version, ops: ops,
                            prev: seq > 1 ? try session.digest(of: Dot(device: device, seq: seq - 1)) : nil, depDigests: digests)
        // Encoded once: the log row, and the digest the next Change links to (``Change/digest(hash:)``).
        let encoded = ChangeCodec.encode([change])
        // The device row takes the new sequence number and the clock in one write. Outside a batch
        // the Change is applied as a batch of one, whose sequence number is left to that write.
        let inBatch = session.pendingMaxSeq != nil
        if !inBatch { session.pendingMaxSeq = [:] }
        _ = try session.applyAndLog(change, encoded: encoded)
        if inBatch {
            try session.db.cachedStatement(sql: "UPDATE device SET clock = ? WHERE id = ?")
                .execute(arguments: [WriteSession.storedStamp(clock.last), device])
        } else {
            session.pendingMaxSeq = [:]
            if try session.finishBatch() { try session.recomputeSurvivors() }
            guard let idx = session.indexOf[device] else { throw StoreError.corrupt("this device has no row") }
            let update = RowBinder(cached: try session.db.cachedStatement(sql: "UPDATE device SET maxSeq = ?, clock = ? WHERE idx = ?"))
            try update.bind(Int64(seq))
            try update.bind(WriteSession.storedStamp(clock.last))
            try update.bind(idx)
            try update.run()
        }
        if tracked { session.noteLocalCommit(change, digest: SHA256Digest.hash(encoded), clock: clock.last) } else { session.reuse.drop() }
        return change
    }

    /// The digest of an applied Change (``Change/digest(hash:)``) as its author signed it: SHA-256
    /// of its encoding as the log holds it, or of its original when healing moved it (links name
    /// originals, Protocol/SPEC.md §3.6); nil when the log lacks it.
    static func digest(of dot: Dot, in session: WriteSession) throws -> [UInt8]? {
        guard dot.seq >= 1, let idx = session.indexOf[dot.device], let s = Int64(exactly: dot.seq) else { return nil }
        if let original = try movedOriginal(at: dot, session.db) { return original }
        let data = try Data.fetchOne(session.db.cachedStatement(sql: "SELECT data FROM change WHERE dev = ? AND seq = ?"), arguments: [idx, s])
        guard let data else { return try snapshotDigest(of: dot, session.db) }
        return SHA256Digest.hash([UInt8](data))
    }

    /// Checks a local put against the schema.
    static func validate(_ op: Op) throws {
        guard let schema = Schema.entity(op.entity), let type = schema.type(of: op.field) else {
            throw StoreError.unknownField(entity: op.entity, field: op.field)
        }
        guard type.accepts(op.value) else {
            throw StoreError.invalidValue(entity: op.entity, field: op.field, value: op.value.description)
        }
    }
}
