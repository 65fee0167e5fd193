import Foundation
@testable import TouchbaseExchange
import TouchbaseCore

/// Writes Protocol/vectors deterministically: fixed ids, clocks, salt and passphrases; the nonce
/// is derived from the content. `TOUCHBASE_WRITE_VECTORS=1 swift test --filter ProtocolVectorTests`
/// rewrites the committed files; otherwise the tests compare against them.
enum VectorGenerator {
    static let passphrase = "correct horse battery staple"
    static let wrongPassphrase = "Tr0ub4dor&3"
    static let salt: [UInt8] = (0..<32).map { UInt8($0) }
    static let otherSalt: [UInt8] = (0..<32).map { UInt8(0xFF - $0) }

    static let dA = DeviceID(hex: "d1000000000000000000000000000001")!
    static let dB = DeviceID(hex: "d2000000000000000000000000000002")!
    static let dC = DeviceID(hex: "d3000000000000000000000000000003")!
    static let ada = RecordID(hex: "0a0a0a0a0a0a4000800000000000ada1")!
    static let hub = RecordID(hex: "4b4b4b4b4b4b4000800000000000cafe")!
    static let mentors = RecordID.derived("tag", "mentors")
    static let founders = RecordID.derived("tag", "founders")
    static let member = RecordID.derived("membership", ada.hex + hub.hex)
    static let hologram = RecordID(hex: "f0f0f0f0f0f04000800000000000000f")!
    static let duplicate = RecordID(hex: "0a0a0a0a0a0a4000800000000000ada2")!
    static let t0: UInt64 = 1_767_603_600_000

    /// Fixed signing keys: device d1… signs with the seed of 32 bytes 0x01, d2… 0x02, d3… 0x03; 0x13 is
    /// d3's next key (a rotation), 0x0e a member's key used to forge.
    static func seeded(_ byte: UInt8) -> DeviceSigningKey { try! DeviceSigningKey(seed: Array(repeating: byte, count: 32)) }
    static let kA = seeded(0x01), kB = seeded(0x02), kC = seeded(0x03), kC2 = seeded(0x13), kMember = seeded(0x0e)
    static let dD = DeviceID(hex: "d4000000000000000000000000000004")!
    static let pins = KeyPins([dA: kA.publicKey, dB: kB.publicKey, dC: kC.publicKey])

    static func bytes(hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            out.append(UInt8(hex[i..<j], radix: 16)!)
            i = j
        }
        return out
    }

    static func signer(_ device: DeviceID) -> DeviceSigningKey {
        switch device {
        case dA: return kA
        case dB: return kB
        case dC: return kC
        default: return kMember
        }
    }

    /// A file framed with a signature of the right length whose content does not matter: the file
    /// fails an earlier step of verification.
    static func frameUnverified(header: [UInt8], stored: [UInt8]) -> [UInt8] {
        ExchangeFile.frame(header: header, stored: stored, signature: Array(repeating: 0x5A, count: 64))
    }

    /// A file framed from a header and payload, signed by `key`: for headers made by hand.
    static func frameSigned(_ header: ExchangeHeader, payload: [UInt8], stored: [UInt8], by key: DeviceSigningKey) -> [UInt8] {
        ExchangeFile.frame(header: header.encoded, stored: stored, signature: key.sign(ExchangeSignature.message(header: header, payload: payload)))
    }

    struct Entry {
        var file: String
        var json: String?
        var error: String?
        var keyFile: String?
        var passphrase: String?
        var description: String
    }

    /// Every file of Protocol/vectors, by path relative to it.
    static func generate() throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        var good: [Entry] = [], bad: [Entry] = []
        let (key, keyFile) = try FolderKey.create(passphrase: passphrase, salt: salt, parameters: .testing)
        let (otherKey, _) = try FolderKey.create(passphrase: passphrase, salt: otherSalt, parameters: .testing)
        files["good/touchbase-folder.key"] = keyFile

        func addGood(_ name: String, _ bytes: [UInt8], encrypted: Bool = false, _ description: String) throws {
            files["good/" + name] = bytes
            let opened = try ExchangeFile.open(bytes, key: encrypted ? key : nil)
            try VectorJSON.checkPins(opened, pins)
            let jsonName = "good/" + name.split(separator: ".").dropLast().joined(separator: ".") + ".json"
            files[jsonName] = Array((try VectorJSON.file(opened).render() + "\n").utf8)
            good.append(Entry(file: "good/" + name, json: jsonName, keyFile: encrypted ? "good/touchbase-folder.key" : nil,
                              passphrase: encrypted ? passphrase : nil, description: description))
        }
        func addBad(_ name: String, _ bytes: [UInt8]?, _ error: ExchangeError.Code, keyFile: String? = nil,
                    passphrase: String? = nil, _ description: String) {
            if let bytes { files["bad/" + name] = bytes }
            bad.append(Entry(file: bytes == nil ? name : "bad/" + name, error: error.rawValue, keyFile: keyFile,
                             passphrase: passphrase, description: description))
        }

        // MARK: Good files

        let values = valueChanges()
        let valuesFile = ExchangeFile.seal(kind: .changes, device: dA, first: 1, last: 4, payload: ChangeCodec.encode(values), key: nil, signer: signer(dA))
        try addGood("changes-values.tbc", valuesFile,
                    "4 Changes of one device with every value kind, unknown sized tags, deps; compressed")
        let single = [Change(device: dB, seq: 8, hlc: HLC(milliseconds: t0 + 60_000, counter: 3), deps: VersionVector([dA: 4]),
                             ops: [Op(entity: "contact", record: ada, field: "name", value: .text("Ada King"))])]
        try addGood("changes-uncompressed.tbc",
                    ExchangeFile.seal(kind: .changes, device: dB, first: 8, last: 8, payload: ChangeCodec.encode(single), key: nil, signer: signer(dB), compress: false),
                    "one Change, stored uncompressed")
        let ack = Ack(device: dB, applied: VersionVector([dA: 4, dB: 8, dC: 2]), writtenAt: t0 + 61_000)
        try addGood("ack.tba", ExchangeFile.seal(kind: .ack, device: dB, payload: ack.payload, key: nil, signer: signer(dB)), "an ack")
        let card = DeviceCard(device: dA, name: "Ada’s laptop", createdAt: t0 - 86_400_000, publicKey: kA.publicKey)
        try addGood("device-card.tbd", ExchangeFile.seal(kind: .deviceCard, device: dA, payload: card.payload, key: nil, signer: signer(dA)), "a device card")
        let snapshot = Snapshot(device: dA, covers: VersionVector([dA: 4, dB: 7]), body: Array("body: defined by a later revision".utf8))
        try addGood("snapshot.tbs", ExchangeFile.sealing(kind: .snapshot, device: dA, first: 0, last: 0, payload: snapshot.payload, key: nil,
                                                         signer: signer(dA), compress: true, major: 2),
                    "the snapshot slot of 2.0: covered vector and an opaque body")
        try addSnapshotVectors(good: { try addGood($0, $1, $2) }, bad: { addBad($0, $1, $2, $3) })
        let encryptedChanges = moreChanges()
        let encryptedFile = ExchangeFile.seal(kind: .changes, device: dA, first: 5, last: 6, payload: ChangeCodec.encode(encryptedChanges), key: key, signer: signer(dA))
        try addGood("changes-encrypted.tbc", encryptedFile, encrypted: true,
                    "compressed then sealed with the folder key of good/touchbase-folder.key")
        try addGood("device-card-encrypted.tbd",
                    ExchangeFile.seal(kind: .deviceCard, device: dC, payload: DeviceCard(device: dC, name: "Phone", createdAt: t0, publicKey: kC.publicKey).payload,
                                      key: key, signer: signer(dC), compress: false),
                    encrypted: true, "sealed, not compressed")
        // A file from a newer minor version: a longer header and an extra payload field, both skipped.
        var future = ExchangeHeader(kind: .ack, flags: 0, device: dC, first: 0, last: 0, payloadLength: 0, storedLength: 0, keyID: 0)
        let futurePayload = Ack(device: dC, applied: VersionVector([dA: 2]), writtenAt: t0).payload + [0x05, 0x01, 0x02, 0x03, 0x04, 0x05]
        future.major = 3
        future.minor = 7
        future.extra = [0x46, 0x55, 0x54, 0x55, 0x52, 0x45, 0x00, 0x01]
        future.payloadLength = UInt64(futurePayload.count)
        future.storedLength = UInt64(futurePayload.count)
        future.signer = kC.publicKey.raw
        future.headerLength = ExchangeHeader.baseLength + 8
        try addGood("ack-newer-minor.tba", frameSigned(future, payload: futurePayload, stored: futurePayload, by: kC),
                    "format 2.7: 8 more header bytes and trailing payload bytes, which a 2.0 reader skips")

        // A key rotation: d3's new key, endorsed by the key pinned for d3.
        let rotated = DeviceCard(device: dC, name: "Phone", createdAt: t0, publicKey: kC2.publicKey,
                                 endorsement: KeyEndorsement(device: dC, previous: kC, new: kC2.publicKey))
        try addGood("device-card-rotated.tbd", ExchangeFile.seal(kind: .deviceCard, device: dC, payload: rotated.payload, key: nil, signer: kC2),
                    "a key rotation: d3's card with a new key, endorsed by its pinned key; a reader re-pins")

        // Integers at the edge of their range (SPEC §7.7): all valid, decoded exactly.
        let edgeAck = Ack(device: dB, applied: VersionVector([dA: .max]), writtenAt: .max)
        try addGood("ack-edge.tba", ExchangeFile.seal(kind: .ack, device: dB, payload: edgeAck.payload, key: nil, signer: kB),
                    "writtenAt 2^64 − 1 and a vector entry 2^64 − 1: accepted (writtenAt is clamped only for display)")
        let edgeCard = DeviceCard(device: dC, name: "edge", formatMajor: 255, formatMinor: 255, createdAt: 1 << 63, publicKey: kC.publicKey)
        try addGood("device-card-edge.tbd", ExchangeFile.seal(kind: .deviceCard, device: dC, payload: edgeCard.payload, key: nil, signer: kC),
                    "createdAt 2^63, format 255.255: accepted")
        let edgeChange = [Change(device: dB, seq: 1, hlc: HLC(raw: .max), deps: VersionVector([dA: .max]),
                                 ops: [Op(entity: "contact", record: ada, field: "cadence", value: .int(.min))])]
        try addGood("changes-edge.tbc", ExchangeFile.seal(kind: .changes, device: dB, first: 1, last: 1, payload: ChangeCodec.encode(edgeChange), key: nil, signer: kB),
                    "the largest clock stamp (2^64 − 1), a dependency 2^64 − 1 and the int −2^63: valid")

        // MARK: Bad files

        let base = valuesFile
        let baseHeader = try ExchangeHeader.parse(base)
        addBad("zero-length.tbc", [], .truncated, "an empty file (a sync tool's placeholder)")
        addBad("truncated-header.tbc", Array(base.prefix(40)), .truncated, "cut inside the header")
        addBad("truncated-payload.tbc", Array(base.prefix(base.count - 50)), .truncated, "cut inside the payload")
        addBad("bad-magic.tbc", Array("PK\u{3}\u{4}".utf8) + Array(base.dropFirst(4)), .badMagic, "not a Touchbase file")
        addBad("text-mode-mangled.tbc", Array(base.prefix(4)) + [0x0A] + Array(base.dropFirst(6)), .badMagic,
               "CR LF turned into LF by a text-mode transfer")
        var flippedTrailer = base
        flippedTrailer[base.count - 1] ^= 0x01
        addBad("bad-checksum.tbc", flippedTrailer, .checksumMismatch, "one bit of the SHA-256 trailer flipped")
        var flippedPayload = base
        flippedPayload[baseHeader.headerLength + 20] ^= 0x10
        addBad("bit-flipped-payload.tbc", flippedPayload, .checksumMismatch, "one bit of the payload flipped")
        var flippedHeader = base
        flippedHeader[20] ^= 0x01
        addBad("bit-flipped-header.tbc", flippedHeader, .checksumMismatch, "one bit of the device id flipped")
        addBad("trailing-bytes.tbc", base + [0], .lengthMismatch, "one byte more than the header declares")
        var lying = try ExchangeHeader.parse(files["good/changes-uncompressed.tbc"]!)
        let plain = ChangeCodec.encode(single)
        lying.payloadLength = UInt64(plain.count + 5)
        addBad("declared-lengths.tbc", frameUnverified(header: lying.encoded, stored: plain), .lengthMismatch,
               "uncompressed, but payload length and stored length differ")
        var huge = baseHeader
        huge.storedLength = 1 << 62
        addBad("huge-stored-length.tbc", frameUnverified(header: huge.encoded, stored: []), .tooLarge,
               "declares a stored payload of 2^62 bytes")
        var newer = baseHeader
        newer.major = 5
        addBad("newer-major.tbc", frameUnverified(header: newer.encoded, stored: Array(base[baseHeader.headerLength..<(base.count - 96)])),
               .newerMajorVersion, "format 5.0: left alone and reported")
        let zeros = Zlib.compress([UInt8](repeating: 0, count: 10_000_000))
        var bombHeader = ExchangeHeader(kind: .changes, flags: ExchangeHeader.compressedFlag, device: dA, first: 1, last: 1,
                                        payloadLength: 1 << 40, storedLength: UInt64(zeros.count), keyID: 0)
        bombHeader.major = 3
        addBad("bomb-declared.tbc", frameUnverified(header: bombHeader.encoded, stored: zeros), .tooLarge,
               "10 MB of zeros in 10 KB, declaring 2^40 bytes: refused before inflating")
        bombHeader.payloadLength = 1000
        addBad("bomb-inflates.tbc", frameUnverified(header: bombHeader.encoded, stored: zeros), .decompressionFailed,
               "10 MB of zeros in 10 KB, declaring 1000 bytes: inflating stops at the declared size")
        var garbageHeader = bombHeader
        garbageHeader.storedLength = 16
        addBad("bad-zlib.tbc", frameUnverified(header: garbageHeader.encoded, stored: Array(0..<16)), .decompressionFailed,
               "compressed flag set on bytes that are not a zlib stream")
        var unknownKind = baseHeader
        unknownKind.kind = .changes
        var unknownKindBytes = frameUnverified(header: unknownKind.encoded, stored: Array(base[baseHeader.headerLength..<(base.count - 96)]))
        unknownKindBytes[12] = 9
        addBad("unknown-kind.tbc", unknownKindBytes, .malformedHeader, "file kind 9")
        var badRange = baseHeader
        badRange.first = 5
        badRange.last = 4
        addBad("bad-range.tbc", frameUnverified(header: badRange.encoded, stored: Array(base[baseHeader.headerLength..<(base.count - 96)])),
               .malformedHeader, "sequence range 5-4")

        func plainChanges(_ payload: [UInt8], first: UInt64 = 1, last: UInt64 = 1, device: DeviceID = dA) -> [UInt8] {
            ExchangeFile.seal(kind: .changes, device: device, first: first, last: last, payload: payload, key: nil, signer: signer(device), compress: false)
        }
        addBad("codec-record-index.tbc", plainChanges(codecPayload(recordIndex: 5)), .malformedPayload,
               "record index 5 with a table of 1 record")
        addBad("codec-reserved-tag.tbc", plainChanges(codecPayload(value: [0x09])), .malformedPayload, "value tag 0x09 is reserved")
        addBad("codec-bad-utf8.tbc", plainChanges(codecPayload(value: [0x04, 0x02, 0xC3, 0x28])), .malformedPayload, "invalid UTF-8 in a text value")
        addBad("codec-bad-date.tbc", plainChanges(codecPayload(value: [0x05, 0xE7, 0x0F, 0x02, 0x1E])), .malformedPayload, "date 1999-02-30")
        addBad("codec-trailing.tbc", plainChanges(codecPayload(value: [0x00]) + [0x00]), .malformedPayload, "a byte after the last Change")
        addBad("codec-version.tbc", plainChanges([0x04] + codecPayload(value: [0x00]).dropFirst()), .malformedPayload, "change encoding version 4")
        addBad("range-mismatch.tbc", plainChanges(ChangeCodec.encode(Array(values.prefix(2))), first: 1, last: 3), .malformedPayload,
               "header range 1-3, 2 Changes inside")
        addBad("device-mismatch.tbc", plainChanges(ChangeCodec.encode(single), first: 8, last: 8, device: dA), .malformedPayload,
               "header device d1…, Change from d2…")
        addBad("ack-unsorted.tba", ExchangeFile.seal(kind: .ack, device: dB, payload: [0x01, 0x02] + dB.raw.bytes + [0x01] + dA.raw.bytes + [0x01], key: nil, signer: signer(dB)),
               .malformedPayload, "ack vector not in ascending device order")

        // Count limits (SPEC §7.2): small files that declare too many Changes or ops.
        func emptyChanges(_ n: Int) -> [Change] {
            (1...n).map { Change(device: dA, seq: UInt64($0), hlc: HLC(milliseconds: t0, counter: 0), deps: VersionVector(), ops: []) }
        }
        addBad("changes-over-count.tbc", ExchangeFile.seal(kind: .changes, device: dA, first: 1, last: 65_537,
                                                           payload: ChangeCodec.encode(emptyChanges(65_537)), key: nil, signer: kA),
               .tooLarge, "65,537 empty Changes: one more than a file may hold (checked on the header)")
        addBad("changes-over-ratio.tbc", ExchangeFile.seal(kind: .changes, device: dA, first: 1, last: 60_000,
                                                           payload: ChangeCodec.encode(emptyChanges(60_000)), key: nil, signer: kA),
               .tooLarge, "60,000 empty Changes compressed into a few hundred bytes: more than 4 per stored byte")
        let manyOps = [Change(device: dA, seq: 1, hlc: HLC(milliseconds: t0, counter: 0), deps: VersionVector(),
                              ops: Array(repeating: Op(entity: "contact", record: ada, field: "notes", value: .null), count: 20_000))]
        addBad("changes-ops-over-ratio.tbc", ExchangeFile.seal(kind: .changes, device: dA, first: 1, last: 1,
                                                               payload: ChangeCodec.encode(manyOps), key: nil, signer: kA),
               .tooLarge, "one Change of 20,000 ops compressed into a few hundred bytes: more than 4 per stored byte")
        // Signatures (SPEC.md "Signature", "Pinned keys and key changes").
        var wrongSignature = valuesFile
        wrongSignature[valuesFile.count - 40] ^= 0x01
        addBad("signature-wrong.tbc", ExchangeFile.frame(header: Array(wrongSignature.prefix(baseHeader.headerLength)),
                                                         stored: Array(wrongSignature[baseHeader.headerLength..<(valuesFile.count - 96)]),
                                                         signature: Array(wrongSignature[(valuesFile.count - 96)..<(valuesFile.count - 32)])),
               .signatureInvalid, "one bit of the signature flipped, checksum recomputed")
        var altered = baseHeader
        altered.last = 5
        addBad("header-altered-after-signing.tbc",
               ExchangeFile.frame(header: altered.encoded, stored: Array(valuesFile[baseHeader.headerLength..<(valuesFile.count - 96)]),
                                  signature: Array(valuesFile[(valuesFile.count - 96)..<(valuesFile.count - 32)])),
               .signatureInvalid, "the header's range changed from 1-4 to 1-5 after signing, checksum recomputed")
        addBad("signed-by-another-device.tbc",
               ExchangeFile.seal(kind: .changes, device: dB, first: 8, last: 8, payload: ChangeCodec.encode(single), key: nil, signer: kA),
               .keyMismatch, "a Change of d2 in a file for d2, validly signed by d1's key: d1 speaking for d2")
        addBad("signed-by-member-key.tba",
               ExchangeFile.seal(kind: .ack, device: dA, payload: Ack(device: dA, applied: VersionVector([dB: 1]), writtenAt: t0).payload, key: nil, signer: kMember),
               .keyMismatch, "an ack for d1 signed by a key nobody pinned for d1")
        addBad("card-other-key.tbd",
               ExchangeFile.seal(kind: .deviceCard, device: dA, payload: DeviceCard(device: dA, name: "Ada’s laptop", createdAt: t0, publicKey: kMember.publicKey).payload,
                                 key: nil, signer: kMember),
               .keyMismatch, "a card for d1 with another key than the pinned one, signed by that key, no endorsement")
        let selfEndorsed = DeviceCard(device: dC, name: "Phone", createdAt: t0, publicKey: kMember.publicKey,
                                      endorsement: KeyEndorsement(device: dC, previous: kB, new: kMember.publicKey))
        addBad("card-endorsed-by-other-key.tbd", ExchangeFile.seal(kind: .deviceCard, device: dC, payload: selfEndorsed.payload, key: nil, signer: kMember),
               .keyMismatch, "a new key for d3 endorsed by d2's key, not by d3's pinned key")
        var forgedEndorsement = rotated
        forgedEndorsement.endorsement!.signature[5] ^= 0x01
        addBad("card-endorsement-invalid.tbd", ExchangeFile.seal(kind: .deviceCard, device: dC, payload: forgedEndorsement.payload, key: nil, signer: kC2),
               .signatureInvalid, "a rotation whose endorsement by the pinned key does not verify")
        addBad("card-key-not-signer.tbd",
               ExchangeFile.seal(kind: .deviceCard, device: dA, payload: DeviceCard(device: dA, name: "Ada’s laptop", createdAt: t0, publicKey: kB.publicKey).payload,
                                 key: nil, signer: kA),
               .malformedPayload, "a card publishing another key than the one that signed it")
        addBad("signer-unknown.tbc", ExchangeFile.seal(kind: .changes, device: dD, first: 1, last: 1,
                                                       payload: ChangeCodec.encode([Change(device: dD, seq: 1, hlc: HLC(milliseconds: t0, counter: 0), deps: VersionVector(), ops: [])]),
                                                       key: nil, signer: kMember),
               .signerUnknown, "a device with no pinned key yet: waits for its card")
        addBad("unsigned-v1.tbc", ExchangeFile.sealUnsignedV1(kind: .changes, device: dA, first: 1, last: 4, payload: ChangeCodec.encode(values), key: nil),
               .unsigned, "format 1.0, no signature: left alone, never applied")
        addBad("v1/good/device-card.tbd", nil, .unsigned, "a format 1.0 device card: no key is learnt from it")

        // Encryption.
        let goodKey = "good/touchbase-folder.key"
        addBad("good/changes-encrypted.tbc", nil, .wrongPassphrase, keyFile: goodKey, passphrase: wrongPassphrase,
               "the right key file, a wrong passphrase")
        addBad("good/changes-encrypted.tbc", nil, .keyRequired, "an encrypted file read without a key")
        addBad("good/changes-uncompressed.tbc", nil, .decryptionFailed, keyFile: goodKey, passphrase: passphrase,
               "an unencrypted file in an encrypted folder cannot be authenticated")
        let storedStart = try ExchangeHeader.parse(encryptedFile).headerLength
        let encryptedSignature = Array(encryptedFile.dropLast(32).suffix(64))
        var forged = Array(encryptedFile.dropLast(96))
        forged[storedStart + 20] ^= 0x01
        addBad("encrypted-forged.tbc", ExchangeFile.frame(header: Array(forged.prefix(storedStart)), stored: Array(forged.dropFirst(storedStart)), signature: encryptedSignature),
               .decryptionFailed, keyFile: goodKey, passphrase: passphrase, "ciphertext altered, checksum recomputed")
        var forgedHeader = encryptedFile
        forgedHeader[47] = 9             // last seq 6 -> 9
        let fh = Array(forgedHeader.prefix(storedStart)), fs = Array(forgedHeader[storedStart..<(forgedHeader.count - 96)])
        addBad("encrypted-header-altered.tbc", ExchangeFile.frame(header: fh, stored: fs, signature: encryptedSignature), .decryptionFailed, keyFile: goodKey, passphrase: passphrase,
               "sequence range changed in the header (authenticated data), checksum recomputed")
        addBad("encrypted-other-key.tbc", ExchangeFile.seal(kind: .changes, device: dA, first: 5, last: 6, payload: ChangeCodec.encode(encryptedChanges), key: otherKey, signer: signer(dA)),
               .decryptionFailed, keyFile: goodKey, passphrase: passphrase, "sealed with another folder key")
        var damagedKey = keyFile
        damagedKey[30] ^= 0x04
        files["bad/damaged-folder.key"] = damagedKey
        addBad("good/changes-encrypted.tbc", nil, .checksumMismatch, keyFile: "bad/damaged-folder.key", passphrase: passphrase,
               "a bit of the key file's salt flipped")
        var greedyKey = Array(keyFile.prefix(84))
        greedyKey[11] = 40
        greedyKey += SHA256Digest.hash(greedyKey)
        files["bad/greedy-folder.key"] = greedyKey
        addBad("good/changes-encrypted.tbc", nil, .badKeyFile, keyFile: "bad/greedy-folder.key", passphrase: passphrase,
               "scrypt N = 2^40: refused before deriving")

        try addKeyChangeVectors(key: key, files: &files, good: &good, bad: &bad)
        try addRelayVectors(key: key, files: &files, good: &good, bad: &bad)
        try addChainVectors(files: &files, good: &good, bad: &bad)
        try addWordVectors(files: &files, good: &good, bad: &bad)

        files["manifest.json"] = Array((manifest(good: good, bad: bad).render() + "\n").utf8)
        return files
    }

    static func manifest(good: [Entry], bad: [Entry]) -> JSON {
        func entry(_ e: Entry) -> JSON {
            var m: [(String, JSON)] = [("file", .string(e.file))]
            if let j = e.json { m.append(("json", .string(j))) }
            if let err = e.error { m.append(("error", .string(err))) }
            m.append(("keyFile", e.keyFile.map { .string($0) } ?? .null))
            m.append(("passphrase", e.passphrase.map { .string($0) } ?? .null))
            m.append(("description", .string(e.description)))
            return .object(m)
        }
        return .object([
            ("format", .string("\(ExchangeHeader.currentMajor).\(ExchangeHeader.currentMinor)")),
            ("pinned", .object(pins.keys.sorted { $0.key < $1.key }.map { ($0.key.hex, .string(VectorJSON.hex($0.value.raw))) })),
            ("generatedWith", .object([("zlib", .string(Zlib.version))])),
            ("good", .array(good.map(entry))),
            ("bad", .array(bad.map(entry))),
        ])
    }

    // MARK: - Content

    static func valueChanges() -> [Change] {
        let h0 = HLC(milliseconds: t0, counter: 0)
        return [
            Change(device: dA, seq: 1, hlc: h0, deps: VersionVector(), ops: [
                Op(entity: "contact", record: ada, field: "name", value: .text("Ada Lovelace")),
                Op(entity: "contact", record: ada, field: "emails", value: .texts(["ada@example.com", "ada@analytical.engine"])),
                Op(entity: "contact", record: ada, field: "birthday", value: .date(CalendarDate(year: 1815, month: 12, day: 10)!)),
                Op(entity: "contact", record: ada, field: "pinned", value: .bool(true)),
                Op(entity: "contact", record: ada, field: "cadenceDays", value: .int(30)),
            ]),
            Change(device: dA, seq: 2, hlc: HLC(milliseconds: t0 + 1500, counter: 0), deps: VersionVector([dB: 7]), ops: [
                Op(entity: "hub", record: hub, field: "name", value: .text("Women in Computing — Zürich 🧮")),
                Op(entity: "membership", record: member, field: "contact", value: .ref(ada)),
                Op(entity: "membership", record: member, field: "hub", value: .ref(hub)),
                Op(entity: "contact", record: ada, field: "tags", value: .refs([mentors, founders])),
                Op(entity: "contact", record: ada, field: "anniversary", value: .date(CalendarDate(year: nil, month: 2, day: 29)!)),
            ]),
            Change(device: dA, seq: 3, hlc: HLC(milliseconds: t0 + 1500, counter: 1), deps: VersionVector([dB: 7, dC: 2]), ops: [
                Op(entity: "contact", record: ada, field: "notes", value: .null),
                Op(entity: "contact", record: ada, field: "archived", value: .bool(false)),
                Op(entity: "contact", record: ada, field: "score", value: .int(Int64.min)),
                Op(entity: "contact", record: ada, field: "score", value: .int(-5)),
                Op(entity: "contact", record: ada, field: "limit", value: .int(Int64.max)),
                Op(entity: "hologram", record: hologram, field: "shape", value: .unknown(tag: 0x40, bytes: [0x01, 0x02, 0x03])),
                Op(entity: "contact", record: ada, field: "x-future", value: .unknown(tag: 0xFF, bytes: [])),
                Op(entity: "contact", record: ada, field: "emails", value: .texts([])),
                Op(entity: "contact", record: ada, field: "tags", value: .refs([])),
                Op(entity: "contact", record: ada, field: "nickname", value: .text("")),
            ]),
            Change(device: dA, seq: 4, hlc: HLC(milliseconds: t0 + 3_600_000, counter: 0), deps: VersionVector([dB: 9, dC: 2]), ops: [
                Op(entity: "contact", record: duplicate, field: "mergedInto", value: .ref(ada)),
                Op(entity: "contact", record: duplicate, field: "deleted", value: .bool(true)),
            ]),
        ]
    }

    static func moreChanges() -> [Change] {
        [
            Change(device: dA, seq: 5, hlc: HLC(milliseconds: t0 + 7_200_000, counter: 0), deps: VersionVector([dB: 9, dC: 2]), ops: [
                Op(entity: "contact", record: ada, field: "notes", value: .text("Met at the Analytical Society; ask about the Engine notes.")),
            ]),
            Change(device: dA, seq: 6, hlc: HLC(milliseconds: t0 + 7_200_000, counter: 1), deps: VersionVector([dB: 9, dC: 2]), ops: [
                Op(entity: "contact", record: ada, field: "nextTouch", value: .date(CalendarDate(year: 2026, month: 2, day: 1)!)),
            ]),
        ]
    }

    /// A hand-made one-Change batch: strings "contact","name"; device dA; record ada;
    /// an op on record `recordIndex` whose value is `value` (tag, then body).
    static func codecPayload(recordIndex: UInt8 = 0, value: [UInt8] = [0x00]) -> [UInt8] {
        var w = ByteWriter()
        w.byte(1)
        w.varint(2); w.string("contact"); w.string("name")
        w.varint(1); w.raw(dA.raw.bytes)
        w.varint(1); w.raw(ada.raw.bytes)
        w.varint(1)                      // one Change
        w.varint(0)                      // device index
        w.zigzag(0)                      // seq 1 = 0 + 1 + 0
        w.zigzag(Int64(t0))              // milliseconds
        w.varint(0)                      // counter
        w.varint(0)                      // no deps entries
        w.varint(1)                      // one op
        w.varint(0); w.varint(1)         // entity "contact", field "name"
        w.raw(value.prefix(1))           // value tag
        w.varint(recordIndex == 0 ? 1 : 2 * UInt64(recordIndex))   // record: zigzag(next − index) + 1, next = 0
        w.raw(value.dropFirst())         // value body
        return w.bytes
    }
}
