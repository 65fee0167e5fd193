import Foundation
@testable import TouchbaseExchange
import TouchbaseCore

extension VectorGenerator {
    /// The relay vectors (SPEC.md §11.2): d1's Changes and card framed by another device under d1's
    /// signed tuple, and relays that a reader must reject with the codes of a forged own file.
    static func addRelayVectors(key: FolderKey, files: inout [String: [UInt8]], good: inout [Entry], bad: inout [Entry]) throws {
        let values = valueChanges()
        let own = ExchangeFile.seal(kind: .changes, device: dA, first: 1, last: 4, payload: ChangeCodec.encode(values), key: nil, signer: signer(dA))
        let tuple = AuthorSignature(try ExchangeFile.open(own, key: nil))!
        func addGood(_ name: String, _ bytes: [UInt8], encrypted: Bool, _ description: String) throws {
            files["good/" + name] = bytes
            let opened = try ExchangeFile.open(bytes, key: encrypted ? key : nil)
            try VectorJSON.checkPins(opened, pins)
            let json = "good/" + name.split(separator: ".").dropLast().joined(separator: ".") + ".json"
            files[json] = Array((try VectorJSON.file(opened).render() + "\n").utf8)
            good.append(Entry(file: "good/" + name, json: json, keyFile: encrypted ? "good/touchbase-folder.key" : nil,
                              passphrase: encrypted ? passphrase : nil, description: description))
        }
        func addBad(_ name: String, _ bytes: [UInt8], _ error: ExchangeError.Code, _ description: String) {
            files["bad/" + name] = bytes
            bad.append(Entry(file: "bad/" + name, error: error.rawValue, description: description))
        }
        try addGood("relay-changes.tbc", tuple.frame(ChangeCodec.encode(values), key: key, compress: false), encrypted: true,
                    "relays/d2…/d1…/1-4.tbc: good/changes-values.tbc relayed by d2 into an encrypted folder, stored sealed and not compressed; d1's signed tuple and signature, unchanged")
        let card = DeviceCard(device: dA, name: "Ada’s laptop", createdAt: t0 - 86_400_000, publicKey: kA.publicKey)
        let ownCard = try ExchangeFile.open(ExchangeFile.seal(kind: .deviceCard, device: dA, payload: card.payload, key: nil, signer: signer(dA)), key: nil)
        try addGood("relay-card.tbd", AuthorSignature(ownCard)!.frame(ownCard.payload, key: nil, compress: false), encrypted: false,
                    "relays/d2…/d1…/card.tbd: d1's device card relayed by d2, stored uncompressed, signed by d1")

        var altered = values
        altered[0].ops = altered[0].ops.map { op in
            var op = op
            if case .text(let t) = op.value { op.value = .text(String(t.reversed())) }  // same length
            return op
        }
        addBad("relay-altered.tbc", tuple.frame(ChangeCodec.encode(altered), key: nil, compress: true), .signatureInvalid,
               "a relay of d1's 1-4 whose payload was altered (same length) under d1's signed tuple")
        addBad("relay-resigned.tbc", ExchangeFile.seal(kind: .changes, device: dA, first: 1, last: 4, payload: ChangeCodec.encode(values), key: nil, signer: kMember),
               .keyMismatch, "d1's 1-4 relayed and signed again by the relayer's own key: a relayer never re-signs")
        var widened = tuple
        widened.last = 5
        addBad("relay-range-widened.tbc", widened.frame(ChangeCodec.encode(values), key: nil, compress: true), .signatureInvalid,
               "a relay claiming 1-5 under d1's signature of 1-4")
        files["names.json"] = Array((relayNames().render() + "\n").utf8)
    }
}

extension VectorGenerator {
    /// `names.json`: how a reader parses folder paths (SPEC.md §2, §11.2), and which name each relay
    /// vector may stand under (step 14 of §8: the header must match the name).
    static func relayNames() -> JSON {
        let a = dA.hex, b = dB.hex
        func parsed(_ path: String) -> JSON {
            guard let entry = FolderEntry.parse(relativePath: path) else { return .null }
            switch entry {
            case .changes(let e):
                return .object([("kind", .string("changes")), ("device", .string(e.device.hex)), ("first", .int(Int64(e.first))),
                                ("last", .int(Int64(e.last))), ("edition", .int(Int64(e.edition))),
                                ("relayer", e.relayer.map { .string($0.hex) } ?? .null)])
            case .relayedCard(let relayer, let author):
                return .object([("kind", .string("deviceCard")), ("device", .string(author.hex)), ("relayer", .string(relayer.hex))])
            case .deviceCard(let d):
                return .object([("kind", .string("deviceCard")), ("device", .string(d.hex)), ("relayer", .null)])
            case .ack(let d):
                return .object([("kind", .string("ack")), ("device", .string(d.hex)), ("relayer", .null)])
            case .snapshot(let e):
                return .object([("kind", .string("snapshot")), ("device", .string(e.device.hex)), ("relayer", .null)])
            case .snapshotPart(let e, let part):
                return .object([("kind", .string("snapshotPart")), ("device", .string(e.device.hex)), ("part", .int(Int64(part))), ("relayer", .null)])
            case .keyFile:
                return .object([("kind", .string("keyFile"))])
            }
        }
        let paths = [
            "changes/\(a)/1-4.tbc", "changes/\(a)/1-4.3.tbc", "devices/\(a).tbd", "acks/\(b).tba",
            "relays/\(b)/\(a)/1-4.tbc", "relays/\(b)/\(a)/1-4.2.tbc", "relays/\(b)/\(a)/card.tbd",
            "relays/\(a)/\(a)/1-4.tbc", "relays/\(b)/\(a)/1-4.1.tbc", "relays/\(b)/\(a)/01-4.tbc", "relays/\(b)/\(a)/4-1.tbc",
            "relays/\(b)/\(a)/card.tbc", "relays/\(b)/\(a.uppercased())/1-4.tbc", "relays/\(b)/1-4.tbc",
            "relays/\(b)/\(a)/x/1-4.tbc", "relays/\(b)/\(a)/.tb-\(b)-0123456789abcdef.tmp",
        ]
        let names: [JSON] = paths.map { .object([("path", .string($0)), ("entry", parsed($0))]) }
        let key = "good/touchbase-folder.key"
        func file(_ path: String, _ vector: String, encrypted: Bool, _ error: ExchangeError.Code?) -> JSON {
            .object([("path", .string(path)), ("file", .string(vector)),
                     ("keyFile", encrypted ? .string(key) : .null), ("passphrase", encrypted ? .string(passphrase) : .null),
                     ("error", error.map { .string($0.rawValue) } ?? .null)])
        }
        let files: [JSON] = [
            file("relays/\(b)/\(a)/1-4.tbc", "good/relay-changes.tbc", encrypted: true, nil),
            file("changes/\(a)/1-4.tbc", "good/relay-changes.tbc", encrypted: true, nil),
            file("relays/\(b)/\(a)/1-3.tbc", "good/relay-changes.tbc", encrypted: true, .nameMismatch),
            file("relays/\(a)/\(b)/1-4.tbc", "good/relay-changes.tbc", encrypted: true, .nameMismatch),
            file("relays/\(b)/\(a)/card.tbd", "good/relay-card.tbd", encrypted: false, nil),
            file("relays/\(b)/\(dC.hex)/card.tbd", "good/relay-card.tbd", encrypted: false, .nameMismatch),
            file("relays/\(b)/\(a)/1-4.tbc", "good/relay-card.tbd", encrypted: false, .nameMismatch),
        ]
        return .object([("names", .array(names)), ("files", .array(files))])
    }
}
