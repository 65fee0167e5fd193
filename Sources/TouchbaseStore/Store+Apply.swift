import Foundation
import GRDB
import TouchbaseCore

extension Store {
    /// Applies Changes from other devices, in any order, duplicated or not: each is applied once its
    /// predecessor and its deps are, and the whole batch (data and log) is one transaction.
    /// Changes whose gates stay closed are returned in ``ApplyReport/waiting`` and not stored.
    public func apply(_ changes: [Change]) throws -> ApplyReport {
        try writeSession { session in try Store.apply(changes, now: environment.now, in: &session) }
    }

    /// ``apply(_:)`` of Changes the caller encoded already (to check their links): the log keeps
    /// each one's ``EncodedChange/bytes`` instead of encoding it again.
    public func apply(_ changes: [EncodedChange]) throws -> ApplyReport {
        // By dot; a dot given twice (with the same content or not) is encoded again from the
        // Change the gates pass, so the log always holds that Change's own bytes.
        var encodings: [Dot: [UInt8]] = [:]
        encodings.reserveCapacity(changes.count)
        var repeated = Set<Dot>()
        for e in changes where encodings.updateValue(e.bytes, forKey: e.change.dot) != nil { repeated.insert(e.change.dot) }
        for dot in repeated { encodings[dot] = nil }
        return try writeSession { session in
            try Store.apply(changes.map(\.change), encodings: encodings, now: environment.now, in: &session)
        }
    }

    /// ``apply(_:)`` inside the caller's write transaction; `now` is read once the batch is applied.
    /// `encodings` holds the log bytes of Changes the caller encoded already, by dot.
    static func apply(_ changes: [Change], encodings: [Dot: [UInt8]] = [:], now: () -> UInt64,
                      in session: inout WriteSession) throws -> ApplyReport {
        var report = ApplyReport()
        var maxHLC = HLC.zero
        var mergesChanged = false
        var version = session.version
        // The registers of every record the batch touches, read in one pass.
        try session.prefetch(changes.lazy.filter { !version.contains($0.dot) }.flatMap { $0.ops.lazy.map { RecordKey(entity: $0.entity, record: $0.record) } })
        session.pendingMaxSeq = [:]
        let outcome = try CausalScheduler.run(changes, version: &version) { c in
            if try session.applyAndLog(c, encoded: encodings[c.dot]) { mergesChanged = true }
            maxHLC = max(maxHLC, c.hlc)
        }
        if try session.finishBatch() { mergesChanged = true }
        report.applied = outcome.applied
        report.duplicates = outcome.duplicates
        for c in outcome.waiting { report.waiting[c.dot] = c.missing(given: session.version) }
        if mergesChanged { try session.recomputeSurvivors() }
        if maxHLC > .zero { try session.observeClock(maxHLC, wallMilliseconds: now()) }
        return report
    }

    /// The Changes of one device after `seq`, in order, at most `limit`.
    public func changes(of device: DeviceID, after seq: UInt64, limit: Int = .max) throws -> [Change] {
        try writer.read { db in
            let session = try WriteSession(db)
            guard let idx = session.indexOf[device] else { return [] }
            let rows = try Data.fetchAll(db, sql: "SELECT data FROM change WHERE dev = ? AND seq > ? ORDER BY seq LIMIT ?",
                                         arguments: [idx, Int64(clamping: seq), Int64(clamping: limit)])
            return try rows.flatMap { try ChangeCodec.decode([UInt8]($0)) }
        }
    }
}
