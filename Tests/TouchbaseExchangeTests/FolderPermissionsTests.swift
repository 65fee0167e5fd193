import Foundation
import Testing
@testable import TouchbaseExchange
import TouchbaseCore

/// Files this device writes to the shared folder are its owner's only, unless set otherwise,
/// even with the common umask 022 (which left them 0644, readable by every local user).
@Suite(.serialized) struct FolderPermissionsTests {
    static func mode(_ path: String) -> mode_t {
        var st = stat()
        #expect(lstat(path, &st) == 0, "no \(path)")
        return st.st_mode & 0o777
    }

    /// Writes one of everything: a change file, an ack, a device card, a key file.
    static func writeEverything(_ folder: SharedFolder) throws {
        try folder.publish(Sample.changes(first: 1, count: 2))
        try folder.writeAck(Ack(device: Sample.deviceA, applied: VersionVector(), writtenAt: 1))
        _ = try folder.createKeyFile(passphrase: "correct horse", salt: Array(repeating: 7, count: 32), parameters: .testing)
    }

    static func withUmask<T>(_ mask: mode_t, _ body: () throws -> T) rethrows -> T {
        let old = umask(mask)
        defer { umask(old) }
        return try body()
    }

    @Test func privateByDefaultWithUmask022() throws {
        let t = try TestFolder()
        try Self.withUmask(0o022) { try Self.writeEverything(t.folder) }
        let paths = t.allPaths()
        #expect(paths.contains("changes/\(Sample.deviceA.hex)/1-2.tbc"))
        for p in paths {
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: t.path + "/" + p, isDirectory: &isDir)
            #expect(Self.mode(t.path + "/" + p) == (isDir.boolValue ? 0o700 : 0o600), "\(p)")
        }
    }

    @Test(arguments: [(FolderPermissions.group, mode_t(0o640), mode_t(0o750)), (.everyone, 0o644, 0o755)])
    func configuredModesAreExactWhateverTheUmask(_ permissions: FolderPermissions, _ file: mode_t, _ directory: mode_t) throws {
        let t = try TestFolder()
        var folder = t.folder
        folder.permissions = permissions
        try Self.withUmask(0o077) { try Self.writeEverything(folder) }
        for p in t.allPaths() {
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: t.path + "/" + p, isDirectory: &isDir)
            #expect(Self.mode(t.path + "/" + p) == (isDir.boolValue ? directory : file), "\(p)")
        }
    }

    @Test func theKeyedCopyKeepsThePermissions() throws {
        var folder = SharedFolder(path: "/nonexistent")
        folder.permissions = .group
        #expect(folder.with(key: nil).permissions == .group)
    }
}
