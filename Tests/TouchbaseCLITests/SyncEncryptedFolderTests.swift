import Foundation
import Testing

/// An encrypted shared folder through the binary: set up, synced, refused without or with a wrong
/// passphrase (nothing changed), and never set up over existing unencrypted files.
@Suite struct SyncEncryptedFolderTests {
    @Test func passphraseProtectsTheFolder() throws {
        let box = try SyncSandbox("encrypted")
        defer { box.cleanup() }
        var laptop = try CLIRunner(), desktop = try CLIRunner()
        defer { laptop.cleanup(); desktop.cleanup() }
        try laptop.ok(["init", "--name", "laptop", "--folder", box.folder.path])
        try desktop.ok(["init", "--name", "desktop", "--folder", box.folder.path])
        try laptop.ok(["contact", "add", "Ada Lovelace", "--ask", "an intro", "--offer", "my notes"])

        #expect(try laptop.fails(["sync", "--encrypt"]).contains("set TOUCHBASE_PASSPHRASE"))
        laptop.environment["TOUCHBASE_PASSPHRASE"] = "correct horse battery staple"
        try laptop.ok(["sync", "--encrypt"])
        #expect(FileManager.default.fileExists(atPath: box.folder.appendingPathComponent("touchbase-folder.key").path))

        let before = try desktop.databaseFingerprint()
        #expect(try desktop.fails(["sync"]).contains("encrypted"))
        desktop.environment["TOUCHBASE_PASSPHRASE"] = "wrong"
        #expect(try desktop.fails(["sync"]).contains("wrong passphrase"))
        #expect(try desktop.databaseFingerprint() == before)

        desktop.environment["TOUCHBASE_PASSPHRASE"] = "correct horse battery staple"
        try desktop.ok(["sync"])
        #expect(try desktop.ok(["contact", "list"]).contains("Ada Lovelace"))
        // No published byte of the contact is readable in the folder.
        let files = FileManager.default.enumerator(at: box.folder, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
        for file in files where !file.hasDirectoryPath {
            let data = (try? Data(contentsOf: file)) ?? Data()
            #expect(data.range(of: Data("Lovelace".utf8)) == nil, "\(file.lastPathComponent) leaks plaintext")
        }
    }

    @Test func anExistingPlainFolderIsNotEncrypted() throws {
        let box = try SyncSandbox("plain")
        defer { box.cleanup() }
        var laptop = try CLIRunner()
        defer { laptop.cleanup() }
        try laptop.ok(["init", "--name", "laptop", "--folder", box.folder.path])
        try laptop.ok(["contact", "add", "Ada Lovelace"])
        try laptop.ok(["sync"])
        laptop.environment["TOUCHBASE_PASSPHRASE"] = "secret"
        #expect(try laptop.fails(["sync", "--encrypt"]).contains("empty shared folder"))
        #expect(!FileManager.default.fileExists(atPath: box.folder.appendingPathComponent("touchbase-folder.key").path))
    }
}
