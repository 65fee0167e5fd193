import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

/// The database and its -wal and -shm files are readable by their owner only, even with the
/// common umask 022 (which left them 0644); older, looser files are tightened on open.
@Suite(.serialized) struct StoreFilePermissionsTests {
    static func mode(_ path: String) -> mode_t? {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & 0o777 : nil
    }

    static func withTemporaryDirectory(_ body: (URL) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tb-perm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try body(dir)
    }

    @Test func newDatabaseFilesAre0600WithUmask022() throws {
        try Self.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("touchbase.sqlite").path
            let old = umask(0o022)
            defer { umask(old) }
            let store = try Store.create(at: path, deviceName: "laptop")
            try store.commit([Op(entity: "contact", record: Fixtures.record(1), field: "name", value: .text("Ada"))])
            #expect(Self.mode(path) == 0o600)
            #expect(Self.mode(path + "-wal") == 0o600)
            #expect(Self.mode(path + "-shm") == 0o600)
        }
    }

    @Test func existingLooseFilesAreTightenedOnOpen() throws {
        try Self.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("touchbase.sqlite").path
            do {
                let store = try Store.create(at: path, deviceName: "laptop")
                try store.commit([Op(entity: "contact", record: Fixtures.record(1), field: "name", value: .text("Ada"))])
            }
            for suffix in ["", "-wal", "-shm"] where Self.mode(path + suffix) != nil { chmod(path + suffix, 0o644) }
            let store = try Store.open(at: path)
            try store.commit([Op(entity: "contact", record: Fixtures.record(2), field: "name", value: .text("Grace"))])
            #expect(Self.mode(path) == 0o600)
            for suffix in ["-wal", "-shm"] { #expect(Self.mode(path + suffix) ?? 0o600 == 0o600, "\(suffix)") }
        }
    }
}
