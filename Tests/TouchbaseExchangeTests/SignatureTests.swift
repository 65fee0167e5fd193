import Crypto
import Testing
@testable import TouchbaseExchange
import TouchbaseCore

/// Format 2.0 signatures (Protocol/SPEC.md "Signature", "Pinned keys and key changes"): a file is
/// accepted only when signed by the key pinned for the device it names.
@Suite struct SignatureTests {
    static let folderKey = try! FolderKey.create(passphrase: "pass phrase", salt: Array(repeating: 7, count: 32), parameters: .testing).key

    /// Re-frames `bytes` (a signed file) with a changed header, keeping payload and signature, and
    /// recomputes the checksum: what someone who can write the folder but not sign would do.
    static func alteringHeader(_ bytes: [UInt8], _ change: (inout [UInt8]) -> Void) throws -> [UInt8] {
        let h = try ExchangeHeader.parse(bytes)
        var header = Array(bytes.prefix(h.headerLength))
        change(&header)
        let signatureStart = bytes.count - h.trailerLength
        return ExchangeFile.frame(header: header, stored: Array(bytes[h.headerLength..<signatureStart]),
                                  signature: Array(bytes[signatureStart..<(bytes.count - 32)]))
    }

    @Test func everyMeaningfulHeaderFieldIsCoveredBySignature() throws {
        let bytes = ExchangeFile.seal(kind: .changes, device: Sample.deviceA, first: 1, last: 3,
                                      payload: ChangeCodec.encode(Sample.changes()), key: nil, signer: Sample.key(Sample.deviceA), compress: false)
        let file = try ExchangeFile.open(bytes, key: nil)
        #expect(file.signer == Sample.key(Sample.deviceA).publicKey)
        #expect(file.signature.count == 64)
        // minor, kind, device, last, the signer (any change of `first` from 1 makes the range invalid).
        for offset in [9, 12, 16, 31, 47, 72, 103] {
            let forged = try Self.alteringHeader(bytes) { $0[offset] ^= offset == 12 ? 0x05 : 0x01 }
            do {
                _ = try ExchangeFile.open(forged, key: nil)
                Issue.record("header byte \(offset) altered after signing was accepted")
            } catch let e as ExchangeError {
                // The kind flipped to snapshot makes the range invalid first; everything else
                // reaches the signature.
                #expect(e.code == (offset == 12 ? .malformedHeader : .signatureInvalid), "byte \(offset): \(e)")
                #expect(!e.isStillArrivingOrDamaged || e.code == .malformedHeader)
            }
        }
        // A damaged signature is damage (checksum), a forged one is not.
        var damaged = bytes
        damaged[bytes.count - 50] ^= 0x01
        expectError(.checksumMismatch) { try ExchangeFile.open(damaged, key: nil) }
        let forged = try Self.alteringHeader(damaged) { _ in }
        let e = expectError(.signatureInvalid) { try ExchangeFile.open(forged, key: nil) }
        #expect(e?.isRejectedSignature == true && e?.isStillArrivingOrDamaged == false)
    }

    @Test func theSignatureDoesNotDependOnCompressionOrEncryption() throws {
        let payload = ChangeCodec.encode(Sample.changes(count: 20))
        let key = Sample.key(Sample.deviceA)
        var signatures: Set<[UInt8]> = []
        for (compress, folderKey) in [(true, nil), (false, nil), (true, Self.folderKey), (false, Self.folderKey)] as [(Bool, FolderKey?)] {
            let file = try ExchangeFile.open(ExchangeFile.seal(kind: .changes, device: Sample.deviceA, first: 1, last: 20, payload: payload,
                                                               key: folderKey, signer: key, compress: compress), key: folderKey)
            signatures.insert(file.signature)
            // What a relay would carry: the signed tuple and the decoded payload, verified as the author's.
            let message = ExchangeSignature.message(major: 3, minor: 0, kind: .changes, device: Sample.deviceA, first: 1, last: 20,
                                                    payloadLength: UInt64(payload.count), payloadDigest: Array(SHA256.hash(data: payload)))
            #expect(key.publicKey.isValidSignature(file.signature, for: message))
        }
        #expect(signatures.count == 1)
    }

    @Test func aMemberCannotWriteAnotherDevicesFiles() throws {
        let t = try TestFolder()
        // Device B holds the passphrase and its own key, and writes under A's name.
        let member = t.folder(signedBy: Sample.deviceB)
        try member.publish(Sample.changes(Sample.deviceA, count: 2))
        try member.writeAck(Ack(device: Sample.deviceA, applied: VersionVector([Sample.deviceB: 1]), writtenAt: 1))
        let entry = ChangeFileEntry(device: Sample.deviceA, first: 1, last: 2)
        let e = expectError(.keyMismatch) { try t.folder(signedBy: Sample.deviceC).readChanges(entry) }
        #expect(e?.isRejectedSignature == true)
        #expect(e?.file == entry.relativePath)
        expectError(.keyMismatch) { try t.folder.readAck(of: Sample.deviceA) }
        // The same file for B itself is fine; a device nobody pinned waits for its card.
        try member.publish(Sample.changes(Sample.deviceB, count: 1))
        #expect(try t.folder.readChanges(ChangeFileEntry(device: Sample.deviceB, first: 1, last: 1)).count == 1)
        expectError(.signerUnknown) { try t.folder.trusting(KeyPins()).readChanges(ChangeFileEntry(device: Sample.deviceB, first: 1, last: 1)) }
        // Nothing unsigned is ever written.
        expectError(.invalidArgument) { try SharedFolder(path: t.path).publish(Sample.changes(Sample.deviceC, count: 1)) }
    }

    @Test func cardsPinOnFirstSightAndChangeKeysOnlyWithTheOldKeysEndorsement() throws {
        let device = Sample.deviceC
        let old = Sample.key(device), new = try DeviceSigningKey(seed: Array(repeating: 0x42, count: 32))
        let member = Sample.key(Sample.deviceB)
        var pins = KeyPins()
        func card(_ key: DeviceSigningKey, endorsedBy endorser: DeviceSigningKey? = nil) throws -> DeviceCard {
            var c = DeviceCard(device: device, name: "Phone", createdAt: 1, publicKey: key.publicKey)
            if let endorser { c.endorsement = KeyEndorsement(device: device, previous: endorser, new: key.publicKey) }
            let bytes = ExchangeFile.seal(kind: .deviceCard, device: device, payload: c.payload, key: nil, signer: key)
            let file = try ExchangeFile.open(bytes, key: nil)
            return try DeviceCard.decode(file.payload, header: file.header)
        }
        #expect(try pins.admit(try card(old)) == .firstSight)
        #expect(try pins.admit(try card(old)) == .known)
        // A card with another key: refused, the pin stays.
        expectError(.keyMismatch) { try pins.admit(try card(member)) }
        expectError(.keyMismatch) { try pins.admit(try card(new, endorsedBy: member)) }
        #expect(pins[device] == old.publicKey)
        // An endorsement that was tampered with does not verify.
        var tampered = try card(new, endorsedBy: old)
        tampered.endorsement!.signature[0] ^= 1
        let bytes = ExchangeFile.seal(kind: .deviceCard, device: device, payload: tampered.payload, key: nil, signer: new)
        let file = try ExchangeFile.open(bytes, key: nil)
        expectError(.signatureInvalid) { try DeviceCard.decode(file.payload, header: file.header) }
        // The old key's endorsement rotates it.
        #expect(try pins.admit(try card(new, endorsedBy: old)) == .rotated(from: old.publicKey))
        #expect(pins[device] == new.publicKey)
        // From now on, files signed by the old key are another key's.
        let stale = ExchangeFile.seal(kind: .ack, device: device, payload: Ack(device: device, applied: VersionVector(), writtenAt: 1).payload,
                                      key: nil, signer: old)
        expectError(.keyMismatch) { try pins.check(try ExchangeFile.open(stale, key: nil).header) }
        // A card publishing another key than the one that signed it is malformed.
        let lying = DeviceCard(device: device, name: "Phone", createdAt: 1, publicKey: member.publicKey)
        let lyingFile = try ExchangeFile.open(ExchangeFile.seal(kind: .deviceCard, device: device, payload: lying.payload, key: nil, signer: new), key: nil)
        expectError(.malformedPayload) { try DeviceCard.decode(lyingFile.payload, header: lyingFile.header) }
    }

    @Test func formatOneFilesAreUnsignedAndOnlyTheirOwnerReSignsThem() throws {
        let t = try TestFolder()
        let changes = Sample.changes(count: 3)
        let entry = ChangeFileEntry(device: Sample.deviceA, first: 1, last: 3)
        let v1 = ExchangeFile.sealUnsignedV1(kind: .changes, device: Sample.deviceA, first: 1, last: 3, payload: ChangeCodec.encode(changes), key: nil)
        try t.write(entry.relativePath, v1)
        expectError(.unsigned) { try t.folder.readChanges(entry) }
        let opened = try ExchangeFile.open(v1, key: nil, acceptUnsigned: true)
        #expect(opened.header.major == 1 && opened.header.headerLength == 72 && opened.signer == nil)
        #expect(try ChangeBatch.decode(opened.payload, header: opened.header) == changes)
        // Another log (a copy of the database): left alone.
        #expect(try !t.folder.resignOwnChangeFile(entry, local: Sample.changes(count: 3, salt: "x")))
        #expect(try t.read(entry.relativePath) == v1)
        // The owner's log matches: the same name now holds the same Changes, signed.
        #expect(try t.folder.resignOwnChangeFile(entry, local: changes))
        #expect(try t.folder.readChanges(entry) == changes)
        #expect(try !t.folder.resignOwnChangeFile(entry, local: changes))   // a 2.0 file is never replaced
        // Publishing the same range again is the same content.
        #expect(try !t.folder.publish(changes).newlyWritten)
    }
}
