import Testing
@testable import TouchbaseExchange
import TouchbaseCore

@Suite struct ExchangeFileTests {
    static let key = try! FolderKey.create(passphrase: "pass phrase", salt: Array(repeating: 7, count: 32), parameters: .testing).key

    @Test(arguments: [(true, false), (false, false), (true, true), (false, true)])
    func sealsAndOpensEveryKind(compress: Bool, encrypt: Bool) throws {
        let key = encrypt ? Self.key : nil
        let changes = Sample.changes(count: 40)
        let bytes = ExchangeFile.seal(kind: .changes, device: Sample.deviceA, first: 1, last: 40,
                                      payload: ChangeCodec.encode(changes), key: key, signer: Sample.key(Sample.deviceA), compress: compress)
        let file = try ExchangeFile.open(bytes, key: key)
        #expect(file.header.isCompressed == compress)
        #expect(file.header.isEncrypted == encrypt)
        #expect(try ChangeBatch.decode(file.payload, header: file.header) == changes)
        // Sealing is a pure function: re-publishing the same range gives the same bytes, encrypted or not.
        #expect(bytes == ExchangeFile.seal(kind: .changes, device: Sample.deviceA, first: 1, last: 40,
                                           payload: ChangeCodec.encode(changes), key: key, signer: Sample.key(Sample.deviceA), compress: compress))

        let ack = Ack(device: Sample.deviceB, applied: VersionVector([Sample.deviceA: 40, Sample.deviceC: 2]), writtenAt: 99)
        let ackFile = try ExchangeFile.open(ExchangeFile.seal(kind: .ack, device: Sample.deviceB, payload: ack.payload, key: key, signer: Sample.key(Sample.deviceB), compress: compress), key: key)
        #expect(try Ack.decode(ackFile.payload, header: ackFile.header) == ack)

        let card = DeviceCard(device: Sample.deviceC, name: "Ada’s phone 📱", createdAt: 12345, publicKey: Sample.key(Sample.deviceC).publicKey)
        let cardFile = try ExchangeFile.open(ExchangeFile.seal(kind: .deviceCard, device: Sample.deviceC, payload: card.payload, key: key, signer: Sample.key(Sample.deviceC), compress: compress), key: key)
        #expect(try DeviceCard.decode(cardFile.payload, header: cardFile.header) == card)
    }

    @Test func differentContentNeverSharesANonce() throws {
        let a = ExchangeFile.seal(kind: .changes, device: Sample.deviceA, first: 1, last: 3,
                                  payload: ChangeCodec.encode(Sample.changes()), key: Self.key, signer: Sample.key(Sample.deviceA))
        let b = ExchangeFile.seal(kind: .changes, device: Sample.deviceA, first: 1, last: 3,
                                  payload: ChangeCodec.encode(Sample.changes(salt: "!")), key: Self.key, signer: Sample.key(Sample.deviceA))
        let h = ExchangeHeader.baseLength
        #expect(a[h..<h + 12] != b[h..<h + 12])
    }

    @Test func everyFlippedBitIsCaught() throws {
        let bytes = ExchangeFile.seal(kind: .changes, device: Sample.deviceA, first: 1, last: 3,
                                      payload: ChangeCodec.encode(Sample.changes()), key: nil, signer: Sample.key(Sample.deviceA))
        for i in 0..<bytes.count {
            for bit in [0, 3, 7] {
                var damaged = bytes
                damaged[i] ^= UInt8(1 << bit)
                #expect(throws: ExchangeError.self) { try ExchangeFile.open(damaged, key: nil) }
            }
        }
    }

    @Test func everyTruncationIsCaught() throws {
        let bytes = ExchangeFile.seal(kind: .ack, device: Sample.deviceA,
                                      payload: Ack(device: Sample.deviceA, applied: VersionVector([Sample.deviceB: 3]), writtenAt: 1).payload, key: nil, signer: Sample.key(Sample.deviceA))
        for n in 0..<bytes.count {
            expectError(.truncated) { try ExchangeFile.open(Array(bytes.prefix(n)), key: nil) }
        }
    }

    @Test func encryptedFilesNeedTheRightKeyAndRejectForgeries() throws {
        let payload = ChangeCodec.encode(Sample.changes())
        let sealed = ExchangeFile.seal(kind: .changes, device: Sample.deviceA, first: 1, last: 3, payload: payload, key: Self.key, signer: Sample.key(Sample.deviceA))
        expectError(.keyRequired) { try ExchangeFile.open(sealed, key: nil) }
        let other = try FolderKey.create(passphrase: "pass phrase", salt: Array(repeating: 8, count: 32), parameters: .testing).key
        expectError(.decryptionFailed) { try ExchangeFile.open(sealed, key: other) }
        // A forger without the key writes a plain file into the encrypted folder.
        let plain = ExchangeFile.seal(kind: .changes, device: Sample.deviceA, first: 1, last: 3, payload: payload, key: nil, signer: Sample.key(Sample.deviceA))
        expectError(.decryptionFailed) { try ExchangeFile.open(plain, key: Self.key) }
        // Or alters any byte of header or ciphertext and recomputes the checksum.
        let h = ExchangeHeader.baseLength
        let signature = Array(sealed.dropLast(32).suffix(64))
        let offsets: [Int] = Array(16..<24) + [h + 3, h + 20, sealed.count - 97]
        for i in offsets {
            var forged = Array(sealed.dropLast(96))
            forged[i] ^= 0x01
            let header = Array(forged.prefix(h)), stored = Array(forged.dropFirst(h))
            expectError(.decryptionFailed) { try ExchangeFile.open(ExchangeFile.frame(header: header, stored: stored, signature: signature), key: Self.key) }
        }
    }

    @Test func hostileSizesAreRefusedBeforeAnyWork() throws {
        var header = ExchangeHeader(kind: .changes, flags: ExchangeHeader.compressedFlag, device: Sample.deviceA, first: 1, last: 1,
                                    payloadLength: UInt64.max, storedLength: 10, keyID: 0)
        expectError(.tooLarge) { try ExchangeFile.open(ExchangeFile.frame(header: header.encoded, stored: Array(repeating: 0, count: 10)), key: nil) }
        header.payloadLength = 10
        header.storedLength = UInt64.max
        expectError(.tooLarge) { try ExchangeFile.open(ExchangeFile.frame(header: header.encoded, stored: []), key: nil) }
        header.kind = .ack
        header.first = 0
        header.last = 0
        header.storedLength = 2 << 20
        expectError(.tooLarge) { try ExchangeFile.open(ExchangeFile.frame(header: header.encoded, stored: []), key: nil) }
        var long = ExchangeHeader(kind: .ack, flags: 0, device: Sample.deviceA, first: 0, last: 0, payloadLength: 0, storedLength: 0, keyID: 0)
        long.headerLength = 0xFFFF
        long.extra = Array(repeating: 0, count: 0xFFFF - ExchangeHeader.baseLength)
        expectError(.malformedHeader) { try ExchangeFile.open(ExchangeFile.frame(header: long.encoded, stored: []), key: nil) }
    }

    @Test func errorMessagesSayWhatToDoAndCarryNoUserData() throws {
        let bytes = ExchangeFile.seal(kind: .deviceCard, device: Sample.deviceA,
                                      payload: DeviceCard(device: Sample.deviceA, name: "Secret Name", createdAt: 1).payload, key: nil, signer: Sample.key(Sample.deviceA))
        var damaged = bytes
        damaged[damaged.count - 40] ^= 1
        let error = expectError(.checksumMismatch) { try ExchangeFile.open(damaged, key: nil) }
        #expect(error?.isStillArrivingOrDamaged == true)
        #expect(error?.errorDescription?.contains("still arriving or damaged") == true)
        #expect(error?.errorDescription?.contains("Secret") == false)
        var newer = bytes
        newer[8] = ExchangeHeader.currentMajor + 1
        let newerError = expectError(.newerMajorVersion) { try ExchangeFile.open(newer, key: nil) }
        #expect(newerError?.isStillArrivingOrDamaged == false)
        #expect(newerError?.errorDescription?.contains("left alone") == true)
        do {
            _ = try ExchangeFile.open(damaged, key: nil)
        } catch ExchangeError.checksumMismatch {
            // pattern matching on the code works
        }
    }
}
