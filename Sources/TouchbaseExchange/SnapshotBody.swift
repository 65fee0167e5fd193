import Crypto
import TouchbaseCore

/// The body of a snapshot of format 3.1 (Protocol/SPEC.md §7.6): what the state's parts are and
/// how a reader checks them. The records themselves live in part files (``SnapshotPart``), so a
/// reader holds one part at a time.
public struct SnapshotBody: Hashable, Sendable {
    /// The body version this code writes and reads. A body of a higher version is refused with
    /// ``ExchangeError/Code/newerSnapshotFormat``, never half-read.
    public static let version: UInt64 = 1
    /// At most this many parts.
    public static let maxParts = 65_536

    /// One part file: how many records it holds, its decoded length and the SHA-256 of its decoded
    /// payload (the manifest's signature so covers every part).
    public struct Part: Hashable, Sendable {
        public var records: UInt64
        public var length: UInt64
        public var sha256: [UInt8]

        /// Creates a part entry.
        public init(records: UInt64, length: UInt64, sha256: [UInt8]) {
            self.records = records
            self.length = length
            self.sha256 = sha256
        }

        /// The entry for a part payload.
        public init(payload: [UInt8], records: Int) {
            self.init(records: UInt64(records), length: UInt64(payload.count), sha256: Array(SHA256.hash(data: payload)))
        }
    }

    /// The highest clock stamp among the covered Changes: a reader's clock advances past it.
    public var clock: HLC
    /// For each device of the covered vector, the digest (§3.6) of its last covered Change, or 32
    /// zero bytes when the writer's log lacks it, so later chained Changes can be checked.
    public var heads: [DeviceID: [UInt8]]
    /// The part files, in order (part `i` is number `i + 1`).
    public var parts: [Part]

    /// Creates a body.
    public init(clock: HLC, heads: [DeviceID: [UInt8]], parts: [Part]) {
        self.clock = clock
        self.heads = heads
        self.parts = parts
    }

    /// The number of records in every part.
    public var records: UInt64 { parts.reduce(0) { $0 &+ $1.records } }

    /// The encoded body.
    public var encoded: [UInt8] {
        var w = ByteWriter(capacity: 64 + heads.count * 48 + parts.count * 40)
        w.varint(Self.version)
        w.varint(clock.raw)
        w.varint(UInt64(heads.count))
        for (d, digest) in heads.sorted(by: { $0.key < $1.key }) {
            w.raw(d.raw.bytes)
            w.raw(digest)
        }
        w.varint(UInt64(parts.count))
        for p in parts {
            w.varint(p.records)
            w.varint(p.length)
            w.raw(p.sha256)
        }
        return w.bytes
    }

    /// Decodes a snapshot's body, checked against the vector it covers.
    ///
    /// - throws: ``ExchangeError`` `newerSnapshotFormat` for a body of a newer version (a clear
    ///   refusal: the snapshot is left alone and another one, or the changes, are used instead),
    ///   `malformedPayload` for anything that does not decode.
    public static func decode(_ body: [UInt8], covers: VersionVector) throws -> SnapshotBody {
        var r = ByteReader(body)
        let version: UInt64
        do { version = try r.varint() } catch let e as CodecError { throw ExchangeError.malformed(e) }
        guard version <= Self.version else {
            throw ExchangeError(.newerSnapshotFormat, "snapshot body version \(version); this reader knows \(Self.version)")
        }
        guard version == Self.version else {
            throw ExchangeError(.malformedPayload, "snapshot body version \(version) is not defined")
        }
        return try decodingPayload {
            let clock = HLC(raw: try r.varint())
            let nHeads = try r.count(limit: r.remaining / 48)
            var heads: [DeviceID: [UInt8]] = [:]
            var previous: DeviceID?
            for _ in 0..<nHeads {
                let at = r.offset
                let d = DeviceID(ID128(bytes: try r.raw(16))!)
                if let previous, !(previous < d) { throw CodecError.malformed("snapshot heads not in ascending order", at: at) }
                guard covers[d] > 0 else { throw CodecError.malformed("snapshot head of a device the snapshot does not cover", at: at) }
                heads[d] = Array(try r.raw(32))
                previous = d
            }
            let nParts = try r.count(limit: r.remaining / 34)
            guard nParts >= 1, nParts <= maxParts else { throw CodecError.malformed("snapshot of \(nParts) parts", at: r.offset) }
            var parts: [Part] = []
            for _ in 0..<nParts {
                parts.append(Part(records: try r.varint(), length: try r.varint(), sha256: Array(try r.raw(32))))
            }
            guard r.isAtEnd else { throw CodecError.malformed("\(r.remaining) bytes after the last part", at: r.offset) }
            return SnapshotBody(clock: clock, heads: heads, parts: parts)
        }
    }
}
