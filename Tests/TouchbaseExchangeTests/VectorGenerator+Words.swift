import Foundation
@testable import TouchbaseExchange
import TouchbaseCore

/// The vectors of format 4.0's word-coded batches (Protocol/SPEC.md §7.2, §11): every value kind and
/// the hash chain in a 4.0 file, and the faults only a word-coded batch can have.
extension VectorGenerator {
    static func addWordVectors(files: inout [String: [UInt8]], good: inout [Entry], bad: inout [Entry]) throws {
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
        func seal(_ changes: [Change], payload: [UInt8]? = nil, major: UInt8? = nil, compress: Bool = true) -> [UInt8] {
            ExchangeFile.sealing(kind: .changes, device: changes[0].device, first: changes.first!.seq, last: changes.last!.seq,
                                 payload: payload ?? ChangeBatch.encode(changes), key: nil, signer: signer(changes[0].device),
                                 compress: compress, major: major)
        }
        let values = valueChanges() + moreChanges()
        try addGood("changes-words.tbc", seal(values),
                    "format 4.0: d1's Changes 1–6 with every value kind as a word-coded batch (texts as word indexes)")
        try addGood("changes-words-uncompressed.tbc", seal(values, compress: false),
                    "format 4.0, stored uncompressed: the word table, the split record column and the word indexes in plain sight")
        try addGood("changes-words-chained.tbc", seal(chainedChanges()),
                    "format 4.0: d1's chained Changes 7–9 as a word-coded batch")

        addBad("words-in-3.0.tbc", seal(values, major: 3), .malformedPayload, "a word-coded batch (version 3) in a format 3.0 file")
        // One text: "a b", words "a" and "b"; its last byte is the index of "b".
        let one = [Change(device: dA, seq: 1, hlc: HLC(milliseconds: t0, counter: 0), deps: VersionVector(),
                          ops: [Op(entity: "contact", record: ada, field: "name", value: .text("a b"))])]
        var outOfRange = ChangeBatch.encode(one)
        outOfRange[outOfRange.count - 1] = 2
        addBad("words-index-out-of-range.tbc", seal(one, payload: outOfRange), .malformedPayload, "a word index past the word table")
        var spaced = ChangeBatch.encode(one)
        let table = index(of: [2, 1, 0x61, 1, 0x62], in: spaced)
        spaced[table + 2] = 0x20
        addBad("words-with-space.tbc", seal(one, payload: spaced), .malformedPayload, "a word holding a space")
        // 1,025 texts of one 64 KiB word: 67 MB of text from a file of about a kilobyte.
        let word = String(repeating: "x", count: 1 << 16)
        let bomb = [Change(device: dA, seq: 1, hlc: HLC(milliseconds: t0, counter: 0), deps: VersionVector(),
                           ops: Array(repeating: Op(entity: "contact", record: ada, field: "notes", value: .text(word)), count: 1_025))]
        addBad("words-text-bomb.tbc", seal(bomb), .tooLarge, "texts that expand from a word table past 64 MiB")
    }
}
