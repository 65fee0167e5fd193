#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import TouchbaseCore

extension SharedFolder {
    /// Publishes part `number` (from 1) of the snapshot `entry` as
    /// `snapshots/<device>/<total>-<digest>/<number>.tbp` (write once, Protocol/SPEC.md §7.6).
    ///
    /// - returns: the part's entry for the snapshot body.
    /// - throws: as ``publish(_:edition:)``.
    public func publishSnapshotPart(_ part: SnapshotPart, of entry: SnapshotEntry, number: UInt64) throws -> SnapshotBody.Part {
        let payload = part.payload
        let fileEntry = FolderEntry.snapshotPart(entry, part: number)
        let bytes = ExchangeFile.seal(kind: .snapshotPart, device: entry.device, first: number, last: number,
                                      payload: payload, key: key, signer: try requireSigner())
        let written = try publishOnce(fileEntry, bytes: bytes, owner: entry.device) { existing in
            guard let file = try? ExchangeFile.open(existing, key: key, limits: limits),
                  file.header.signer == signer?.publicKey.raw else { return false }
            return file.payload == payload
        }
        if !written {
            // A part a killed writer left, used again: it is young again, so that the removal of
            // orphaned parts (SPEC §3.7, rule 5) leaves it to this writer.
            _ = try? withDirectory(fileEntry, create: false) { dir, name, _ in utimensat(dir, name, nil, 0) }
        }
        return SnapshotBody.Part(payload: payload, records: part.records.count)
    }

    /// Reads a snapshot and decodes its body (format 3.1).
    ///
    /// - throws: ``ExchangeError`` as ``readSnapshot(_:)``, and `newerSnapshotFormat` for a body
    ///   this version does not know.
    public func readSnapshotBody(_ entry: SnapshotEntry) throws -> (snapshot: Snapshot, body: SnapshotBody) {
        let snapshot = try readSnapshot(entry)
        let body = try attach(entry.relativePath) { try SnapshotBody.decode(snapshot.body, covers: snapshot.covers) }
        return (snapshot, body)
    }

    /// Reads part `number` (from 1) of a snapshot and checks it against the snapshot's body: its
    /// length, its SHA-256 and its record count.
    ///
    /// - throws: ``ExchangeError``: a part that is missing, damaged, or not the one the body names
    ///   (`malformedPayload`).
    public func readSnapshotPart(of entry: SnapshotEntry, number: UInt64, expected: SnapshotBody.Part) throws -> SnapshotPart {
        let fileEntry = FolderEntry.snapshotPart(entry, part: number)
        let file = try readFile(fileEntry)
        return try attach(fileEntry.relativePath) {
            guard UInt64(file.payload.count) == expected.length,
                  Array(SHA256.hash(data: file.payload)) == expected.sha256 else {
                throw ExchangeError(.malformedPayload, "part \(number) is not the one its snapshot names")
            }
            let part = try SnapshotPart.decode(file.payload)
            guard UInt64(part.records.count) == expected.records else {
                throw ExchangeError(.malformedPayload, "part \(number) holds \(part.records.count) records, its snapshot says \(expected.records)")
            }
            return part
        }
    }
}
