@testable import TouchbaseExchange
import TouchbaseCore

extension VectorGenerator {
    /// A part of format 3.1 (SPEC §7.6): a contact in conflict with a kept causal past on its
    /// delete, a merged duplicate, and a record of an entity this version does not know.
    static func snapshotPartVector() -> SnapshotPart {
        let h1 = HLC(milliseconds: t0, counter: 0), h2 = HLC(milliseconds: t0 + 5_000, counter: 1)
        let contact = SnapshotRecord(
            entity: "contact", id: ada, hidden: false,
            conflicts: [SnapshotRecord.OpenConflict(field: "deleted", kind: "delete-vs-edit"),
                        SnapshotRecord.OpenConflict(field: "name", kind: "field")],
            fields: [
                SnapshotRecord.Field(name: "deleted", values: [RegisterValue(dot: Dot(device: dA, seq: 3), hlc: h2, value: .bool(true))]),
                SnapshotRecord.Field(name: "name", values: [RegisterValue(dot: Dot(device: dA, seq: 1), hlc: h1, value: .text("Ada Lovelace")),
                                                            RegisterValue(dot: Dot(device: dB, seq: 2), hlc: h2, value: .text("Ada King"))]),
                SnapshotRecord.Field(name: "tags", values: [RegisterValue(dot: Dot(device: dB, seq: 2), hlc: h2, value: .refs([mentors, founders]))]),
            ],
            pasts: [Dot(device: dA, seq: 3): VersionVector([dB: 1])])
        let merged = SnapshotRecord(
            entity: "contact", id: duplicate, hidden: false, survivor: ada,
            fields: [SnapshotRecord.Field(name: "mergedInto", values: [RegisterValue(dot: Dot(device: dB, seq: 1), hlc: h1, value: .ref(ada))])],
            pasts: [Dot(device: dB, seq: 1): VersionVector([dA: 1])])
        let unknown = SnapshotRecord(
            entity: "x-badge", id: hologram,
            fields: [SnapshotRecord.Field(name: "level", values: [RegisterValue(dot: Dot(device: dA, seq: 2), hlc: h1, value: .unknown(tag: 0x41, bytes: [1, 2]))])])
        return SnapshotPart(records: [contact, merged, unknown])
    }

    /// Adds the snapshot vectors of format 3.1: a manifest and its part, and the refusals.
    static func addSnapshotVectors(good: (String, [UInt8], String) throws -> Void,
                                   bad: (String, [UInt8], ExchangeError.Code, String) -> Void) throws {
        let covers = VersionVector([dA: 3, dB: 2])
        let part = snapshotPartVector()
        let partPayload = part.payload
        let heads: [DeviceID: [UInt8]] = [dA: Array(repeating: 0xA3, count: 32), dB: Array(repeating: 0, count: 32)]
        let body = SnapshotBody(clock: HLC(milliseconds: t0 + 5_000, counter: 1), heads: heads,
                                parts: [SnapshotBody.Part(payload: partPayload, records: part.records.count)])
        let manifest = Snapshot(device: dA, covers: covers, body: body.encoded)
        try good("snapshot-3.1.tbs", ExchangeFile.seal(kind: .snapshot, device: dA, payload: manifest.payload, key: nil, signer: signer(dA)),
                 "a snapshot of format 3.1: covered vector, clock, head digests and one part")
        try good("snapshot-3.1-part.tbp", ExchangeFile.seal(kind: .snapshotPart, device: dA, first: 1, last: 1, payload: partPayload, key: nil, signer: signer(dA)),
                 "its part 1: a conflict, a kept causal past, a merged duplicate, an unknown entity")

        var newer = ByteWriter()
        newer.varint(SnapshotBody.version + 1)
        newer.raw([0xFF, 0xFF, 0xFF])
        let newerManifest = Snapshot(device: dA, covers: covers, body: newer.bytes)
        bad("snapshot-newer-body.tbs", ExchangeFile.seal(kind: .snapshot, device: dA, payload: newerManifest.payload, key: nil, signer: signer(dA)),
            .newerSnapshotFormat, "a snapshot whose body is of a newer version: refused clearly, never half-read")
        var headless = ByteWriter()
        headless.varint(SnapshotBody.version)
        headless.varint(1)
        headless.varint(0)
        headless.varint(0)
        bad("snapshot-no-parts.tbs", ExchangeFile.seal(kind: .snapshot, device: dA, payload: Snapshot(device: dA, covers: covers, body: headless.bytes).payload,
                                                       key: nil, signer: signer(dA)),
            .malformedPayload, "a snapshot body with no part")
        var badStatus = partPayload
        // The first record's status byte: after the tables, the record count, the entity index and the id.
        let statusAt = badStatus.count - (partPayload.count - statusOffset(partPayload))
        badStatus[statusAt] = 0x80
        bad("snapshot-part-bad-status.tbp", ExchangeFile.seal(kind: .snapshotPart, device: dA, first: 1, last: 1, payload: badStatus, key: nil, signer: signer(dA)),
            .malformedPayload, "a part whose record status uses a reserved bit")
        bad("snapshot-part-range.tbp", ExchangeFile.seal(kind: .snapshotPart, device: dA, first: 1, last: 2, payload: partPayload, key: nil, signer: signer(dA)),
            .malformedHeader, "a part whose header range is not one part number")
    }

    /// The offset of the first record's status byte in a part payload.
    static func statusOffset(_ payload: [UInt8]) -> Int {
        var r = ByteReader(payload)
        let nStrings = try! r.varint()
        for _ in 0..<nStrings { _ = try! r.string() }
        let nDevices = try! r.varint()
        _ = try! r.raw(Int(nDevices) * 16)
        _ = try! r.varint()
        _ = try! r.varint()
        _ = try! r.raw(16)
        return r.offset
    }
}
