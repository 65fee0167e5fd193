import Foundation
import Testing
@testable import TouchbaseExchange
import TouchbaseCore

@Suite struct FolderKeyTests {
    static let salt: [UInt8] = Array(0..<32)

    /// `init(memoryMiB:)`: the powers of two from 1 to 256 MiB, each within the readers' limits and
    /// using that memory; anything else is refused.
    @Test func aCostIsChosenByItsMemory() {
        #expect(KeyDerivationParameters.memoryChoicesMiB == [1, 2, 4, 8, 16, 32, 64, 128, 256])
        for mib in KeyDerivationParameters.memoryChoicesMiB {
            let p = KeyDerivationParameters(memoryMiB: mib)
            #expect(p?.isWithinLimits == true, "\(mib) MiB")
            #expect(p?.memoryMiB == Double(mib))
            #expect(p?.r == 8 && p?.p == 1)
        }
        #expect(KeyDerivationParameters(memoryMiB: 128) == .default)
        #expect(KeyDerivationParameters(memoryMiB: 1) == .testing)
        for bad in [Int.min, -1, 0, 3, 96, 255, 512, 1 << 20, Int.max] {
            #expect(KeyDerivationParameters(memoryMiB: bad) == nil, "\(bad) MiB")
        }
        // Every size the limits allow with r = 8 and p = 1 is a choice.
        let allowed = (0...40).filter { KeyDerivationParameters(log2N: UInt8($0), r: 8, p: 1).isWithinLimits }
        #expect(allowed.map { 1 << ($0 - 10) } == KeyDerivationParameters.memoryChoicesMiB)
    }

    @Test func unlocksWithTheRightPassphraseOnly() throws {
        let (key, file) = try FolderKey.create(passphrase: "correct horse", salt: Self.salt, parameters: .testing)
        #expect(file.count == FolderKey.fileLength)
        #expect(try FolderKey.unlock(keyFile: file, passphrase: "correct horse").keyID == key.keyID)
        let error = expectError(.wrongPassphrase) { try FolderKey.unlock(keyFile: file, passphrase: "correct horse ") }
        #expect(error?.errorDescription?.contains("wrong passphrase") == true)
    }

    @Test func passphrasesAreNormalized() throws {
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        let (key, file) = try FolderKey.create(passphrase: composed, salt: Self.salt, parameters: .testing)
        #expect(try FolderKey.unlock(keyFile: file, passphrase: decomposed).keyID == key.keyID)
    }

    @Test func rejectsBadInputAndHostileKeyFiles() throws {
        expectError(.invalidArgument) { try FolderKey.create(passphrase: "", salt: Self.salt, parameters: .testing) }
        expectError(.invalidArgument) { try FolderKey.create(passphrase: "x", salt: [1, 2], parameters: .testing) }
        let (_, file) = try FolderKey.create(passphrase: "x", salt: Self.salt, parameters: .testing)
        var greedy = Array(file.prefix(84))
        greedy[11] = 30
        expectError(.badKeyFile) { try FolderKey.unlock(keyFile: greedy + SHA256Digest.hash(greedy), passphrase: "x") }
        var damaged = file
        damaged[25] ^= 1
        expectError(.checksumMismatch) { try FolderKey.unlock(keyFile: damaged, passphrase: "x") }
        var newer = file
        newer[8] = 2
        expectError(.newerMajorVersion) { try FolderKey.unlock(keyFile: newer, passphrase: "x") }
        expectError(.badKeyFile) { try FolderKey.unlock(keyFile: Array(file.prefix(50)), passphrase: "x") }
        expectError(.badKeyFile) { try FolderKey.unlock(keyFile: [], passphrase: "x") }
    }
}

/// Key file generations (SPEC.md §6.5–6.6).
@Suite struct FolderKeyGenerationTests {
    static let salt: [UInt8] = Array(0..<32)
    static let salt2: [UInt8] = Array(32..<64)
    static let salt3: [UInt8] = Array(64..<96)

    @Test func aGenerationCarriesEveryEarlierKey() throws {
        let (first, _) = try FolderKey.create(passphrase: "one", salt: Self.salt, parameters: .testing)
        let (second, secondFile) = try FolderKey.rotate(carrying: [first], passphrase: "two", salt: Self.salt2, generation: 2, parameters: .testing)
        #expect(secondFile.count == 154 + 40)
        let (third, thirdFile) = try FolderKey.rotate(carrying: [second], passphrase: "three", salt: Self.salt3, generation: 3, parameters: .testing)
        let opened = try FolderKey.unlock(keyFile: thirdFile, passphrase: "three")
        #expect(opened.keyID == third.keyID && opened.generation == 3)
        #expect(opened.retiredKeyIDs == [first.keyID, second.keyID])
        let info = try FolderKey.inspect(keyFile: thirdFile)
        #expect(info.generation == 3 && info.keyID == third.keyID)
        // A file sealed under the first key opens with the third; nothing new is sealed with an old key.
        let old = ExchangeFile.seal(kind: .ack, device: Sample.deviceA, payload: Ack(device: Sample.deviceA, applied: VersionVector(), writtenAt: 1).payload, key: first, signer: Sample.key(Sample.deviceA))
        #expect(try ExchangeFile.open(old, key: opened).header.keyID == first.keyID)
        let new = ExchangeFile.seal(kind: .ack, device: Sample.deviceA, payload: Ack(device: Sample.deviceA, applied: VersionVector(), writtenAt: 1).payload, key: opened, signer: Sample.key(Sample.deviceA))
        #expect(try ExchangeHeader.parse(new).keyID == third.keyID)
        expectError(.decryptionFailed) { try ExchangeFile.open(new, key: first) }
        expectError(.wrongPassphrase) { try FolderKey.unlock(keyFile: thirdFile, passphrase: "two") }
    }

    @Test func namesAndBadGenerationsAreRefused() throws {
        let parsed = FolderKey.parseGenerationFileName("2-00000000000000ff.tbk")
        #expect(parsed?.generation == 2 && parsed?.keyID == 255)
        for bad in ["1-00000000000000ff.tbk", "02-00000000000000ff.tbk", "2-00000000000000FF.tbk", "2-ff.tbk", "2-00000000000000ff.tbk.tmp", "x-00000000000000ff.tbk"] {
            #expect(FolderKey.parseGenerationFileName(bad) == nil, "\(bad)")
        }
        let (first, _) = try FolderKey.create(passphrase: "one", salt: Self.salt, parameters: .testing)
        expectError(.invalidArgument) { try FolderKey.rotate(carrying: [first], passphrase: "two", salt: Self.salt2, generation: 1, parameters: .testing) }
        expectError(.invalidArgument) { try FolderKey.rotate(carrying: [], passphrase: "two", salt: Self.salt2, generation: 2, parameters: .testing) }
        let (_, file) = try FolderKey.rotate(carrying: [first], passphrase: "two", salt: Self.salt2, generation: 2, parameters: .testing)
        var zero = Array(file.prefix(file.count - 32))
        zero[52..<60] = [0, 0, 0, 0, 0, 0, 0, 1]
        expectError(.badKeyFile) { try FolderKey.inspect(keyFile: zero + SHA256Digest.hash(zero)) }
        var minor2 = file
        minor2[9] = 2
        expectError(.badKeyFile) { try FolderKey.inspect(keyFile: minor2) }
        expectError(.badKeyFile) { try FolderKey.inspect(keyFile: file + [UInt8](repeating: 0, count: 40)) }
    }

    @Test func theCurrentKeyFileIsTheSameForEveryReader() throws {
        let t = try TestFolder()
        let first = try t.folder.createKeyFile(passphrase: "one", salt: Self.salt, parameters: .testing)
        let (a, aFile) = try FolderKey.rotate(carrying: [first], passphrase: "a", salt: Self.salt2, generation: 2, parameters: .testing)
        let (b, bFile) = try FolderKey.rotate(carrying: [first], passphrase: "b", salt: Self.salt3, generation: 2, parameters: .testing)
        try t.folder.writeKeyGeneration(a, keyFile: aFile)
        try t.folder.writeKeyGeneration(b, keyFile: bFile)
        let files = try t.folder.keyFiles()
        #expect(files.files.map(\.generation) == [2, 2, 1])
        #expect(files.current?.keyID == min(a.keyID, b.keyID))
        // A generation file under a name that does not match it is set aside.
        try FileManager.default.copyItem(atPath: t.path + "/keys/" + FolderKey.generationFileName(generation: 2, keyID: a.keyID),
                                         toPath: t.path + "/keys/9-0000000000000001.tbk")
        let again = try t.folder.keyFiles()
        #expect(again.current?.keyID == min(a.keyID, b.keyID))
        #expect(again.rejected.map(\.error.code) == [.nameMismatch])
    }
}
