import Foundation
@testable import TouchbaseExchange
import TouchbaseCore

/// The vectors of format 3.0's hash chain (Protocol/SPEC.md §3.6, §7.2): chained Changes, a 2.0
/// changes file that stays readable, and files whose links contradict themselves.
extension VectorGenerator {
    static func digest(_ c: Change) -> [UInt8] { c.digest(hash: ChangeBatch.sha256) }

    /// d1's Changes 7–9, chained onto the unchained 1–6 of the other vectors: 7's link is written
    /// out (its predecessor is in another file), 8's and 9's are derived from the Change before.
    static func chainedChanges() -> [Change] {
        let sixth = moreChanges().last!
        let dB8 = Change(device: dB, seq: 8, hlc: HLC(milliseconds: t0 + 60_000, counter: 3), deps: VersionVector([dA: 4]),
                         ops: [Op(entity: "contact", record: ada, field: "name", value: .text("Ada King"))])
        let dC2 = [UInt8](repeating: 0xC2, count: 32)
        var out: [Change] = []
        var prev = digest(sixth)
        for (i, deps) in [VersionVector([dB: 9, dC: 2]), VersionVector([dB: 9, dC: 2]), VersionVector([dB: 8, dC: 2])].enumerated() {
            // The third one's dependency on d2 is another Change (d2's 8): its digest changes too.
            let digests: [DeviceID: [UInt8]] = [dB: deps[dB] == 8 ? digest(dB8) : [UInt8](repeating: 0xB9, count: 32), dC: dC2]
            let c = Change(device: dA, seq: UInt64(7 + i), hlc: HLC(milliseconds: t0 + 9_000_000 + UInt64(i) * 1000, counter: 0), deps: deps,
                           ops: [Op(entity: "contact", record: ada, field: "org", value: .text("Analytical Engines \(i + 1)"))],
                           prev: prev, depDigests: digests)
            out.append(c)
            prev = digest(c)
        }
        return out
    }

    static func addChainVectors(files: inout [String: [UInt8]], good: inout [Entry], bad: inout [Entry]) throws {
        func addGood(_ name: String, _ bytes: [UInt8], _ description: String) throws {
            files["good/" + name] = bytes
            let opened = try ExchangeFile.open(bytes, key: nil)
            try VectorJSON.checkPins(opened, pins)
            let jsonName = "good/" + name.split(separator: ".").dropLast().joined(separator: ".") + ".json"
            files[jsonName] = Array((try VectorJSON.file(opened).render() + "\n").utf8)
            good.append(Entry(file: "good/" + name, json: jsonName, keyFile: nil, passphrase: nil, description: description))
        }
        func addBad(_ name: String, _ bytes: [UInt8], _ error: ExchangeError.Code, _ description: String) {
            files["bad/" + name] = bytes
            bad.append(Entry(file: "bad/" + name, error: error.rawValue, keyFile: nil, passphrase: nil, description: description))
        }
        func seal(_ changes: [Change], payload: [UInt8]? = nil, major: UInt8? = nil) -> [UInt8] {
            ExchangeFile.sealing(kind: .changes, device: changes[0].device, first: changes.first!.seq, last: changes.last!.seq,
                                 payload: payload ?? classic(changes), key: nil, signer: signer(changes[0].device),
                                 compress: false, major: major)
        }
        let chained = chainedChanges()
        try addGood("changes-chained.tbc", seal(chained),
                    "format 3.0: d1's Changes 7–9 with hash-chain links (7's written out, 8's and 9's derived) and dependency digests")
        let first = Change(device: dC, seq: 1, hlc: HLC(milliseconds: t0 + 9_500_000, counter: 0), deps: VersionVector([dA: 9]),
                           ops: [Op(entity: "contact", record: ada, field: "notes", value: .text("chained from the start"))],
                           depDigests: [dA: digest(chained.last!)])
        try addGood("changes-chained-first.tbc", seal([first]), "format 3.0: a first Change (no link) with a dependency digest")
        try addGood("changes-v2.tbc", seal(valueChanges(), major: 2),
                    "format 2.0: a changes file written before the hash chain, still read (its Changes are unchained)")

        addBad("chained-in-v2.tbc", seal(chained, major: 2), .malformedPayload, "a batch with links (version 2) in a format 2.0 file")
        var broken = chained
        broken[1].prev = [UInt8](repeating: 0x11, count: 32)
        addBad("chain-broken-in-file.tbc", seal(broken), .malformedPayload, "Change 8's link is not the digest of Change 7 before it in the file")
        let stopped = [chained[0], Change(device: dA, seq: 8, hlc: chained[1].hlc, deps: chained[1].deps, ops: chained[1].ops)]
        addBad("chain-stops-in-file.tbc", seal(stopped), .malformedPayload, "an unchained Change after a chained one in one file")
        let lone = [chained[0]]
        let lonePayload = classic(lone)
        let at = index(of: [2] + chained[0].prev!, in: lonePayload)  // chain code 2: a link written out
        var unknownCode = lonePayload
        unknownCode[at] = 4
        addBad("chain-code-unknown.tbc", seal(lone, payload: unknownCode), .malformedPayload, "chain code 4")
        let derivedFirst = Array(lonePayload[..<at]) + [1] + Array(lonePayload[(at + 33)...])
        addBad("chain-derived-first.tbc", seal(lone, payload: derivedFirst), .malformedPayload,
               "a link derived from the Change before it, on the first Change of the batch")
    }

    /// A batch of version 1 or 2, as format 3.0 wrote it (these vectors stay 3.0 files).
    static func classic(_ changes: [Change]) -> [UInt8] { ChangeCodec.encode(changes, hash: ChangeBatch.sha256) }

    static func index(of needle: [UInt8], in haystack: [UInt8]) -> Int {
        for i in 0...(haystack.count - needle.count) where Array(haystack[i..<(i + needle.count)]) == needle { return i }
        fatalError("not found")
    }
}
