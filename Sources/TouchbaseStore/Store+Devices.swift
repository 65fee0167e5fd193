import Foundation
import GRDB
import TouchbaseCore

extension Store {
    /// Every known device, this one first, then by name.
    public func devices() throws -> [DeviceInfo] {
        let me = try device
        return try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, maxSeq, lastSeen, ack FROM device").compactMap { row -> DeviceInfo? in
                guard let raw = ID128(bytes: [UInt8](row["id"] as Data)) else { return nil }
                let ack: Data? = row["ack"]
                return DeviceInfo(id: DeviceID(raw), name: row["name"], applied: UInt64(clamping: row["maxSeq"] as Int64),
                                  lastSeen: (row["lastSeen"] as Int64?).map(WallTime.clamped(stored:)),
                                  acknowledged: try ack.map { try VersionVectorCoding.decode([UInt8]($0)) })
            }
            .sorted { ($0.id == me ? 0 : 1, $0.name ?? "~", $0.id) < ($1.id == me ? 0 : 1, $1.name ?? "~", $1.id) }
        }
    }

    /// Records what the shared folder says of a device: its name (device card), when it was seen,
    /// and what it acknowledged. `seenAt` may be any u64 (it comes from the folder): it is clamped
    /// with ``WallTime/clamped(_:)``.
    public func noteDevice(_ id: DeviceID, name: String? = nil, seenAt: UInt64? = nil, acknowledged: VersionVector? = nil) throws {
        try noteDevices([DeviceNote(id: id, name: name, seenAt: seenAt, acknowledged: acknowledged)])
    }

    /// Records several device notes in one transaction, writing only what changed (a sync with
    /// nothing new writes nothing).
    public func noteDevices(_ notes: [DeviceNote]) throws {
        let known = Dictionary(try devices().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let changed = notes.filter { n in
            guard let d = known[n.id] else { return true }
            return (n.name != nil && n.name != d.name) || (n.seenAt.map { WallTime.clamped($0) > (d.lastSeen ?? 0) } ?? false)
                || (n.acknowledged != nil && n.acknowledged != d.acknowledged)
        }
        guard !changed.isEmpty else { return }
        try writeSession { session in
            for n in changed {
                let idx = try session.index(of: n.id)
                if let name = n.name { try session.db.execute(sql: "UPDATE device SET name = ? WHERE idx = ?", arguments: [name, idx]) }
                if let seenAt = n.seenAt {
                    try session.db.execute(sql: "UPDATE device SET lastSeen = max(COALESCE(lastSeen, 0), ?) WHERE idx = ?", arguments: [Int64(WallTime.clamped(seenAt)), idx])
                }
                if let ack = n.acknowledged {
                    try session.db.execute(sql: "UPDATE device SET ack = ? WHERE idx = ?", arguments: [Data(VersionVectorCoding.encode(ack)), idx])
                }
            }
        }
    }

    /// The stored bytes of one applied Change (its batch encoding), to compare with a published copy.
    public func encodedChange(_ dot: Dot) throws -> [UInt8]? {
        try writer.read { db in
            let session = try WriteSession(db)
            guard let idx = session.indexOf[dot.device], let seq = Int64(exactly: dot.seq) else { return nil }
            return try Data.fetchOne(db, sql: "SELECT data FROM change WHERE dev = ? AND seq = ?", arguments: [idx, seq]).map { [UInt8]($0) }
        }
    }
}

/// A compact encoding of a version vector for the `device.ack` column.
enum VersionVectorCoding {
    static func encode(_ v: VersionVector) -> [UInt8] {
        var w = ByteWriter()
        w.varint(UInt64(v.entries.count))
        for (d, s) in v.sorted { w.raw(d.raw.bytes); w.varint(s) }
        return w.bytes
    }

    static func decode(_ bytes: [UInt8]) throws -> VersionVector {
        var r = ByteReader(bytes)
        var v = VersionVector()
        for _ in 0..<(try r.count(limit: r.remaining / 17)) {
            let d = DeviceID(ID128(bytes: try r.raw(16))!)
            v[d] = try r.varint()
        }
        return v
    }
}
