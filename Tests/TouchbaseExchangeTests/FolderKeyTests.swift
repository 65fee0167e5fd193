import Testing
@testable import TouchbaseExchange
import TouchbaseCore

@Suite struct FolderKeyTests {
    static let salt: [UInt8] = Array(0..<32)

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
