import Foundation
import GRDB
import TouchbaseCore

/// What another device signed for one file this device read (Protocol/SPEC.md §4.4): kept so that
/// this device can relay that file's content, unaltered and under its author's signature, once the
/// folder lacks it (§11.2).
public struct StoredSignature: Hashable, Sendable {
    /// The file kind byte (1 changes, 3 device card).
    public var kind: UInt8
    /// The author.
    public var device: DeviceID
    /// The range of a changes file; 0 for a card.
    public var first: UInt64
    public var last: UInt64
    /// The signed format version.
    public var major: UInt8
    public var minor: UInt8
    /// The decoded payload's length.
    public var payloadLength: UInt64
    /// The author's public key and signature.
    public var signer: [UInt8]
    public var signature: [UInt8]
    /// The decoded payload of a card; nil for Changes (the log holds them).
    public var payload: [UInt8]?

    /// Creates a record.
    public init(kind: UInt8, device: DeviceID, first: UInt64, last: UInt64, major: UInt8, minor: UInt8,
                payloadLength: UInt64, signer: [UInt8], signature: [UInt8], payload: [UInt8]? = nil) {
        self.kind = kind
        self.device = device
        self.first = first
        self.last = last
        self.major = major
        self.minor = minor
        self.payloadLength = payloadLength
        self.signer = signer
        self.signature = signature
        self.payload = payload
    }
}

extension Store {
    /// Keeps signatures of files read (a range's first record stays; a card's is replaced, so a
    /// rotated key's card wins).
    public func keepSignatures(_ signatures: [StoredSignature]) throws {
        guard !signatures.isEmpty else { return }
        try writer.write { db in
            for s in signatures {
                let conflict = s.payload == nil ? "DO NOTHING" : """
                    DO UPDATE SET major = excluded.major, minor = excluded.minor, payloadLength = excluded.payloadLength,
                    signer = excluded.signer, signature = excluded.signature, payload = excluded.payload
                    """
                try db.execute(sql: """
                    INSERT INTO authorSignature (device, kind, first, last, major, minor, payloadLength, signer, signature, payload)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(device, kind, first, last) \(conflict)
                    """, arguments: [Data(s.device.raw.bytes), Int64(s.kind), Int64(clamping: s.first), Int64(clamping: s.last),
                                     Int64(s.major), Int64(s.minor), Int64(clamping: s.payloadLength), Data(s.signer),
                                     Data(s.signature), s.payload.map { Data($0) }])
            }
        }
    }

    /// Every kept signature of another device's files (of one kind when `kind` is given), by
    /// author, kind, first, last descending.
    public func keptSignatures(kind: UInt8? = nil) throws -> [StoredSignature] {
        try writer.read { db in
            let columns = "device, kind, first, last, major, minor, payloadLength, signer, signature, payload"
            let rows = kind == nil
                ? try Row.fetchCursor(db, sql: "SELECT \(columns) FROM authorSignature ORDER BY device, kind, first, last DESC")
                : try Row.fetchCursor(db, sql: "SELECT \(columns) FROM authorSignature WHERE kind = ? ORDER BY device, kind, first, last DESC",
                                      arguments: [Int64(kind!)])
            var out: [StoredSignature] = []
            // Columns by position: a sync reads one row per file it ever imported.
            while let row = try rows.next() {
                guard case .blob(let id) = (row[0] as DatabaseValue).storage, id.count == 16 else { continue }
                let raw = id.withUnsafeBytes { p in
                    ID128(high: UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                          low: UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
                }
                out.append(StoredSignature(kind: UInt8(clamping: row[1] as Int64), device: DeviceID(raw),
                                           first: UInt64(max(0, row[2] as Int64)), last: UInt64(max(0, row[3] as Int64)),
                                           major: UInt8(clamping: row[4] as Int64), minor: UInt8(clamping: row[5] as Int64),
                                           payloadLength: UInt64(max(0, row[6] as Int64)),
                                           signer: [UInt8](row[7] as Data), signature: [UInt8](row[8] as Data),
                                           payload: (row[9] as Data?).map { [UInt8]($0) }))
            }
            return out
        }
    }
}
