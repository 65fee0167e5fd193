#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import TouchbaseExchange
import TouchbaseStore

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

        #expect(try laptop.fails(["sync", "--encrypt", "--key-memory", "1"]).contains("set TOUCHBASE_PASSPHRASE"))
        laptop.environment["TOUCHBASE_PASSPHRASE"] = "correct horse battery staple"
        try laptop.ok(["sync", "--encrypt", "--key-memory", "1"])
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

    /// `--key-memory` sets the scrypt cost of the key file written (128 MiB without it); a size that
    /// is not allowed, or the option without a key file to write, is refused before anything is written.
    @Test func aNewKeyFileTakesTheMemoryChosen() throws {
        let box = try SyncSandbox("key-memory")
        defer { box.cleanup() }
        var laptop = try CLIRunner()
        defer { laptop.cleanup() }
        laptop.environment["TOUCHBASE_PASSPHRASE"] = "correct horse battery staple"
        try laptop.ok(["init", "--name", "laptop", "--folder", box.folder.path])
        let keyFile = box.folder.appendingPathComponent("touchbase-folder.key")
        func parameters(_ url: URL) throws -> KeyDerivationParameters {
            try FolderKey.inspect(keyFile: [UInt8](try Data(contentsOf: url))).parameters
        }

        for bad in ["3", "0", "-4", "512", "lots"] {
            let refusal = try laptop.fails(["sync", "--encrypt", "--key-memory", bad])
            #expect(refusal.contains("--key-memory"), "\(bad): \(refusal)")
            #expect(!FileManager.default.fileExists(atPath: keyFile.path), "\(bad) wrote a key file")
        }
        #expect(try laptop.fails(["sync", "--key-memory", "4"]).contains("--encrypt"))
        #expect(!FileManager.default.fileExists(atPath: keyFile.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: box.folder.path).isEmpty)

        try laptop.ok(["sync", "--encrypt", "--key-memory", "4"])
        let chosen = try parameters(keyFile)
        #expect(chosen == KeyDerivationParameters(log2N: 12, r: 8, p: 1))
        #expect(chosen.memoryMiB == 4)
        #expect(try laptop.fails(["key", "change", "--key-memory", "6"]).contains("--key-memory"))

        // A key change keeps the folder's cost, unless it is given one.
        func generation(_ g: UInt64) throws -> URL {
            let files = try FileManager.default.contentsOfDirectory(
                at: box.folder.appendingPathComponent(FolderKey.generationDirectory), includingPropertiesForKeys: nil)
            return try #require(files.first { FolderKey.parseGenerationFileName($0.lastPathComponent)?.generation == g })
        }
        laptop.environment["TOUCHBASE_NEW_PASSPHRASE"] = "a brand new passphrase"
        try laptop.ok(["key", "change"])
        #expect(try parameters(try generation(2)) == chosen)
        laptop.environment["TOUCHBASE_PASSPHRASE"] = "a brand new passphrase"
        laptop.environment["TOUCHBASE_NEW_PASSPHRASE"] = "a newer passphrase"
        try laptop.ok(["key", "change", "--key-memory", "2"])
        #expect(try parameters(try generation(3)).memoryMiB == 2)

        // Without the option, a new folder's key file takes 128 MiB.
        let other = try SyncSandbox("key-memory-default")
        defer { other.cleanup() }
        var desktop = try CLIRunner()
        defer { desktop.cleanup() }
        desktop.environment["TOUCHBASE_PASSPHRASE"] = "correct horse battery staple"
        try desktop.ok(["init", "--name", "desktop", "--folder", other.folder.path])
        try desktop.ok(["sync", "--encrypt"])
        #expect(try parameters(other.folder.appendingPathComponent("touchbase-folder.key")) == .default)
        #expect(KeyDerivationParameters.default.memoryMiB == 128)
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
        #expect(try laptop.fails(["sync", "--encrypt", "--key-memory", "1"]).contains("empty shared folder"))
        #expect(!FileManager.default.fileExists(atPath: box.folder.appendingPathComponent("touchbase-folder.key").path))
    }
}

/// Issue 8, "Encryption that cannot be switched off", through the binary.
@Suite struct SyncEncryptionPolicyTests {
    static let passphrase = "correct horse battery staple"

    /// Two devices on an encrypted folder, both synced.
    func encryptedPair(_ box: SyncSandbox) throws -> (CLIRunner, CLIRunner) {
        var laptop = try CLIRunner(), desktop = try CLIRunner()
        laptop.environment["TOUCHBASE_PASSPHRASE"] = Self.passphrase
        desktop.environment["TOUCHBASE_PASSPHRASE"] = Self.passphrase
        try laptop.ok(["init", "--name", "laptop", "--folder", box.folder.path])
        try desktop.ok(["init", "--name", "desktop", "--folder", box.folder.path])
        try laptop.ok(["contact", "add", "Ada Lovelace", "--ask", "an intro"])
        try laptop.ok(["sync", "--encrypt", "--key-memory", "1"])
        try desktop.ok(["sync"])
        return (laptop, desktop)
    }

    func folderBytes(_ box: SyncSandbox) -> [String: Data] {
        var out: [String: Data] = [:]
        for case let url as URL in FileManager.default.enumerator(at: box.folder, includingPropertiesForKeys: nil)! where !url.hasDirectoryPath {
            out[url.path] = (try? Data(contentsOf: url)) ?? Data()
        }
        return out
    }

    func expectNoPlaintext(_ secret: String, _ box: SyncSandbox, sourceLocation: SourceLocation = #_sourceLocation) {
        for (path, data) in folderBytes(box) {
            #expect(data.range(of: Data(secret.utf8)) == nil, "\(path) holds \"\(secret)\" in plaintext", sourceLocation: sourceLocation)
        }
    }

    @Test func aDeletedKeyFileNeverTurnsEncryptionOff() throws {
        let box = try SyncSandbox("keyless")
        defer { box.cleanup() }
        let (laptop, desktop) = try encryptedPair(box)
        defer { laptop.cleanup(); desktop.cleanup() }
        let keyFile = box.folder.appendingPathComponent("touchbase-folder.key")
        let saved = try Data(contentsOf: keyFile)
        try FileManager.default.removeItem(at: keyFile)
        // Someone without the key drops a plaintext change into the folder.
        let forger = try InProcessPublisher("forger", folder: box.folder, seed: 8)
        defer { forger.cleanup() }
        try forger.edit(1)
        try forger.folder.publish(try forger.store.changes(of: try forger.device, after: 0))

        try desktop.ok(["contact", "add", "Grace Hopper", "--ask", "my private ask"])
        let before = folderBytes(box)
        let refusal = try desktop.fails(["sync"])
        #expect(refusal.contains("key file") && refusal.contains("missing"), "\(refusal)")
        #expect(!refusal.contains(Self.passphrase))
        #expect(try laptop.fails(["sync"]).contains("key file"))
        #expect(folderBytes(box) == before, "a refused sync wrote to the folder")
        expectNoPlaintext("my private ask", box)
        #expect(try desktop.ok(["contact", "list", "--all", "--json"]).contains("Grace Hopper"))
        let desktopStore = try Store.open(at: desktop.home.appendingPathComponent("touchbase.sqlite").path)
        #expect(try desktopStore.version()[try forger.device] == 0, "the forged plaintext change was imported")

        // The key file is back: both devices resume, and nothing stalls behind a plaintext file.
        try saved.write(to: keyFile)
        let d = try desktop.run(["sync", "--json"])
        #expect(d.status == 0, "\(d.stderr)")
        let l = try laptop.run(["sync", "--json"])
        #expect(l.status == 0, "\(l.stderr)")
        let report = try #require(try l.json() as? [String: Any])
        #expect((report["waiting"] as? [Any])?.isEmpty ?? true, "\(report)")
        #expect(try laptop.ok(["contact", "list"]).contains("Grace Hopper"))
        try desktop.ok(["contact", "add", "Katherine Johnson", "--ask", "another private ask"])
        try desktop.ok(["sync"])
        try laptop.ok(["sync"])
        #expect(try laptop.ok(["contact", "list"]).contains("Katherine Johnson"))
        expectNoPlaintext("private ask", box)
    }

    @Test func aSwappedKeyFileIsRefused() throws {
        let box = try SyncSandbox("swapped")
        defer { box.cleanup() }
        let (laptop, desktop) = try encryptedPair(box)
        defer { laptop.cleanup(); desktop.cleanup() }
        // Another folder's key file, made with another passphrase, takes its place.
        let other = try SyncSandbox("other")
        defer { other.cleanup() }
        var stranger = try CLIRunner()
        defer { stranger.cleanup() }
        stranger.environment["TOUCHBASE_PASSPHRASE"] = "another passphrase"
        try stranger.ok(["init", "--name", "stranger", "--folder", other.folder.path])
        try stranger.ok(["sync", "--encrypt", "--key-memory", "1"])
        let keyFile = box.folder.appendingPathComponent("touchbase-folder.key")
        try FileManager.default.removeItem(at: keyFile)
        try FileManager.default.copyItem(at: other.folder.appendingPathComponent("touchbase-folder.key"), to: keyFile)
        #expect(try desktop.fails(["sync"]).contains("not the one this device uses"))
    }

    @Test func theKeyChangesAndEveryDeviceFollows() throws {
        let box = try SyncSandbox("rotate")
        defer { box.cleanup() }
        var (laptop, desktop) = try encryptedPair(box)
        defer { laptop.cleanup(); desktop.cleanup() }
        laptop.environment["TOUCHBASE_NEW_PASSPHRASE"] = "a brand new passphrase"
        let out = try laptop.ok(["key", "change", "--key-memory", "1"])
        #expect(out.contains("generation 2"))
        #expect(try laptop.fails(["key", "change"]).contains("wrong passphrase"))
        laptop.environment["TOUCHBASE_PASSPHRASE"] = "a brand new passphrase"
        try laptop.ok(["contact", "add", "Grace Hopper", "--ask", "after the change"])
        try laptop.ok(["sync"])
        let refusal = try desktop.fails(["sync"])
        #expect(refusal.contains("changed on another device"), "\(refusal)")
        desktop.environment["TOUCHBASE_PASSPHRASE"] = "a brand new passphrase"
        try desktop.ok(["sync"])
        #expect(try desktop.ok(["contact", "list"]).contains("Grace Hopper"))
        expectNoPlaintext("after the change", box)
    }

    @Test func thePassphraseComesFromAFile() throws {
        let box = try SyncSandbox("passfile")
        defer { box.cleanup() }
        var laptop = try CLIRunner()
        defer { laptop.cleanup() }
        try laptop.ok(["init", "--name", "laptop", "--folder", box.folder.path])
        try laptop.ok(["contact", "add", "Ada Lovelace"])
        let file = box.root.appendingPathComponent("passphrase.txt")
        try Data("from a file\n".utf8).write(to: file)
        chmod(file.path, 0o600)
        let r = try laptop.run(["sync", "--encrypt", "--key-memory", "1", "--passphrase-file", file.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty, "\(r.stderr)")
        #expect(!(r.stdout + r.stderr).contains("from a file"))
        // The same passphrase through the environment opens it: the newline was not part of it.
        laptop.environment["TOUCHBASE_PASSPHRASE"] = "from a file"
        try laptop.ok(["sync"])
        laptop.environment["TOUCHBASE_PASSPHRASE"] = nil
        #expect(try laptop.fails(["sync"]).contains("encrypted"))
        chmod(file.path, 0o644)
        let loose = try laptop.run(["sync", "--passphrase-file", file.path])
        #expect(loose.status == 0 && loose.stderr.contains("can be read by other users"), "\(loose.stderr)")
        #expect(try laptop.fails(["sync", "--passphrase-file", box.root.appendingPathComponent("absent").path]).contains("cannot read"))
    }

    /// The prompt on a terminal, through a pseudo-terminal: nothing typed is echoed, and echo is back on
    /// afterwards.
    @Test func thePassphraseIsAskedWithoutEcho() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { return }
        let box = try SyncSandbox("prompt")
        defer { box.cleanup() }
        var laptop = try CLIRunner()
        defer { laptop.cleanup() }
        try laptop.ok(["init", "--name", "laptop", "--folder", box.folder.path])
        let script = """
            import os, pty, signal, sys, time
            args = sys.argv[1:]
            signal.alarm(120)   # never hang the test run: the pty closes and the child gets SIGHUP
            pid, fd = pty.fork()
            if pid == 0:
                os.execv("/bin/sh", ["sh", "-c", '"$0" "$@"; status=$?; stty -a; exit $status'] + args)
            out = b""
            def until(marker):
                global out
                while marker not in out:
                    chunk = os.read(fd, 1024)
                    if not chunk:
                        raise SystemExit("no prompt: %r" % out)
                    out += chunk
            until(b"passphrase: ")
            os.write(fd, b"typed secret\\n")
            until(b"Again: ")
            os.write(fd, b"typed secret\\n")
            while True:
                try:
                    chunk = os.read(fd, 1024)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
            _, status = os.waitpid(pid, 0)
            sys.stdout.write(out.decode("utf-8", "replace"))
            sys.exit(os.waitstatus_to_exitcode(status))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, CLIRunner.binary.path, "sync", "--encrypt", "--key-memory", "1", "--home", laptop.home.path]
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "TOUCHBASE_PASSPHRASE")
        for (k, v) in laptop.environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(!text.contains("typed secret"), "the passphrase was echoed: \(text)")
        #expect(text.contains(" echo "), "echo was not turned back on: \(text)")
        laptop.environment["TOUCHBASE_PASSPHRASE"] = "typed secret"
        try laptop.ok(["sync"])
    }
}
