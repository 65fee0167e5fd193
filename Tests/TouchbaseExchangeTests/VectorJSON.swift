import Foundation
@testable import TouchbaseExchange
import TouchbaseCore

/// The JSON form of decoded exchange files defined in Protocol/SPEC.md ("JSON form of test
/// vectors"), rendered canonically: keys in the order given, two-space indent.
indirect enum JSON {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    func render(_ indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .string(let s): return JSON.quote(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + $0.render(inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{\n" + members.map { inner + JSON.quote($0.0) + ": " + $0.1.render(inner) }.joined(separator: ",\n") + "\n" + indent + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where u.value < 0x20:
                let h = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}

enum VectorJSON {
    static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        bytes.map { String($0, radix: 16).leftPadded(2) }.joined()
    }

    static func vector(_ v: VersionVector) -> JSON {
        .object(v.sorted.map { ($0.device.hex, .uint($0.seq)) })
    }

    static func value(_ v: Value) -> JSON {
        func tagged(_ kind: String, _ value: JSON) -> JSON { .object([("kind", .string(kind)), ("value", value)]) }
        switch v {
        case .null: return .object([("kind", .string("null"))])
        case .bool(let b): return tagged("bool", .bool(b))
        case .int(let i): return tagged("int", .int(i))
        case .text(let s): return tagged("text", .string(s))
        case .date(let d): return tagged("date", .string(d.description))
        case .ref(let r): return tagged("ref", .string(r.hex))
        case .texts(let t): return tagged("texts", .array(t.map { .string($0) }))
        case .refs(let r): return tagged("refs", .array(r.map { .string($0.hex) }))
        case .unknown(let tag, let bytes):
            return .object([("kind", .string("unknown")), ("tag", .uint(UInt64(tag))), ("bytes", .string(hex(bytes)))])
        }
    }

    static func change(_ c: Change) -> JSON {
        var members: [(String, JSON)] = [
            ("device", .string(c.device.hex)),
            ("seq", .uint(c.seq)),
            ("hlc", .uint(c.hlc.raw)),
            ("deps", vector(c.deps)),
        ]
        // The links of format 3.0 (SPEC §3.6, §12): only on a chained Change.
        if c.isChained {
            members.append(("prev", c.prev.map { .string(hex($0)) } ?? .null))
            members.append(("depDigests", .object(c.depDigests.sorted { $0.key < $1.key }.map { ($0.key.hex, .string(hex($0.value))) })))
        }
        members.append(("ops", .array(c.ops.map { op in
            .object([("entity", .string(op.entity)), ("record", .string(op.record.hex)),
                     ("field", .string(op.field)), ("value", value(op.value))])
        })))
        return .object(members)
    }

    static func header(_ h: ExchangeHeader) -> JSON {
        var members: [(String, JSON)] = [
            ("major", .uint(UInt64(h.major))), ("minor", .uint(UInt64(h.minor))),
            ("headerLength", .uint(UInt64(h.headerLength))), ("kind", .string(h.kind.description)),
            ("compressed", .bool(h.isCompressed)), ("encrypted", .bool(h.isEncrypted)),
            ("device", .string(h.device.hex)), ("first", .uint(h.first)), ("last", .uint(h.last)),
            ("payloadLength", .uint(h.payloadLength)), ("storedLength", .uint(h.storedLength)),
            ("keyID", .string(ExchangeFile.hex(h.keyID))),
        ]
        if h.isSigned { members.append(("signer", .string(hex(h.signer)))) }
        return .object(members)
    }

    /// Step 16 of SPEC.md "Verification": the signer against the reader's pinned keys.
    static func checkPins(_ f: ExchangeFile, _ pins: KeyPins) throws {
        if f.header.kind == .deviceCard {
            var pins = pins
            try pins.admit(try DeviceCard.decode(f.payload, header: f.header))
        } else {
            try pins.check(f.header)
        }
    }

    /// The decoded content of a verified file.
    static func file(_ f: ExchangeFile) throws -> JSON {
        let body: (String, JSON)
        switch f.header.kind {
        case .changes:
            body = ("changes", .array(try ChangeBatch.decode(f.payload, header: f.header).map(change)))
        case .ack:
            let a = try Ack.decode(f.payload, header: f.header)
            body = ("ack", .object([("writtenAt", .uint(a.writtenAt)), ("applied", vector(a.applied))]))
        case .deviceCard:
            let c = try DeviceCard.decode(f.payload, header: f.header)
            var members: [(String, JSON)] = [("name", .string(c.name)), ("formatMajor", .uint(UInt64(c.formatMajor))),
                                             ("formatMinor", .uint(UInt64(c.formatMinor))), ("createdAt", .uint(c.createdAt))]
            if let k = c.publicKey { members.append(("publicKey", .string(hex(k.raw)))) }
            if let e = c.endorsement {
                members.append(("endorsement", .object([("previousKey", .string(hex(e.previousKey.raw))), ("signature", .string(hex(e.signature)))])))
            }
            body = ("deviceCard", .object(members))
        case .snapshot:
            let s = try Snapshot.decode(f.payload, header: f.header)
            if f.header.minor == 0 {
                // The 2.0 slot: an opaque body.
                body = ("snapshot", .object([("covers", vector(s.covers)), ("body", .string(hex(s.body)))]))
            } else {
                body = ("snapshot", snapshotBody(s.covers, try SnapshotBody.decode(s.body, covers: s.covers)))
            }
        case .snapshotPart:
            body = ("snapshotPart", snapshotPart(try SnapshotPart.decode(f.payload)))
        }
        var members: [(String, JSON)] = [("header", header(f.header))]
        if f.header.isSigned { members.append(("signature", .string(hex(f.signature)))) }
        members.append(body)
        return .object(members)
    }

    /// A snapshot of format 3.1 (SPEC §7.6, §12).
    static func snapshotBody(_ covers: VersionVector, _ b: SnapshotBody) -> JSON {
        .object([("covers", vector(covers)), ("clock", .uint(b.clock.raw)),
                 ("heads", .object(b.heads.sorted { $0.key < $1.key }.map { ($0.key.hex, .string(hex($0.value))) })),
                 ("parts", .array(b.parts.map { .object([("records", .uint($0.records)), ("length", .uint($0.length)), ("sha256", .string(hex($0.sha256)))]) }))])
    }

    /// A snapshot part (SPEC §7.6, §12).
    static func snapshotPart(_ p: SnapshotPart) -> JSON {
        .object([("records", .array(p.records.map { r in
            .object([("entity", .string(r.entity)), ("id", .string(r.id.hex)), ("hidden", .bool(r.hidden)),
                     ("survivor", r.survivor.map { .string($0.hex) } ?? .null),
                     ("conflicts", .array(r.conflicts.map { .object([("field", .string($0.field)), ("kind", .string($0.kind))]) })),
                     ("fields", .array(r.fields.map { f in
                         .object([("name", .string(f.name)), ("values", .array(f.values.map { v in
                             var members: [(String, JSON)] = [("device", .string(v.dot.device.hex)), ("seq", .uint(v.dot.seq)),
                                                              ("hlc", .uint(v.hlc.raw)), ("value", value(v.value))]
                             if let past = r.pasts[v.dot] { members.append(("past", vector(past))) }
                             return .object(members)
                         }))])
                     }))])
        }))])
    }
}
