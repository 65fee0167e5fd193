#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore

/// This device's private signing key, kept next to its database (never in the shared folder, never
/// in the database's synced data), readable by its user only (mode 0600).
///
/// The file is 89 bytes: magic `89 54 42 53 0D 0A 1A 0A` (`\x89TBS\r\n\x1A\n`), version `1`, the
/// device id (16), the Ed25519 seed (32), and SHA-256 of the 57 bytes before it. It names its device
/// id so that a key is never used for another id: after a re-key the next use mints a new key.
public enum DeviceKeyFile {
    /// The file name's ending: the key of `touchbase.sqlite` is `touchbase-signing.key`, next to it.
    public static let suffix = "-signing.key"
    static let magic: [UInt8] = [0x89, 0x54, 0x42, 0x53, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The key file's path for a database: its path without the extension, then ``suffix``.
    public static func path(nextTo databasePath: String) -> String {
        (databasePath as NSString).deletingPathExtension + suffix
    }

    /// This device's signing key; created (and written) when there is none yet for its device id —
    /// at `init`, for a database older than signatures, and after a re-key.
    ///
    /// - throws: ``SyncError/signingKeyUnusable(path:reason:)`` when the file exists but is damaged or cannot be
    ///   written. A damaged key is never replaced silently: other devices pinned it.
    @discardableResult
    public static func loadOrCreate(for store: Store) throws -> DeviceSigningKey {
        let device = try store.device
        let path = path(nextTo: store.path)
        if let existing = try read(path), existing.device == device { return existing.key }
        return try create(for: device, at: path)
    }

    /// Mints a new key for `device` and writes it (replacing a key of another device id).
    @discardableResult
    public static func create(for device: DeviceID, nextTo databasePath: String) throws -> DeviceSigningKey {
        try create(for: device, at: path(nextTo: databasePath))
    }

    static func create(for device: DeviceID, at path: String) throws -> DeviceSigningKey {
        let key = DeviceSigningKey.generate()
        var bytes = magic + [1] + device.raw.bytes + key.seed
        bytes += SHA256Digest.hash(bytes)
        try writePrivate(bytes, to: path)
        return key
    }

    /// The key in the file, nil when there is no file.
    static func read(_ path: String) throws -> (device: DeviceID, key: DeviceSigningKey)? {
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) { throw SyncError.signingKeyUnusable(path: path, reason: "cannot be read") }
            return nil
        }
        let b = [UInt8](data)
        guard b.count == 89, Array(b[0..<8]) == magic, b[8] == 1, SHA256Digest.hash(Array(b[0..<57])) == Array(b[57...]),
              let id = ID128(bytes: Array(b[9..<25])), let key = try? DeviceSigningKey(seed: Array(b[25..<57])) else {
            throw SyncError.signingKeyUnusable(path: path, reason: "is damaged")
        }
        return (DeviceID(id), key)
    }

    /// Writes through a private temporary file (0600), fsync, rename, directory fsync.
    static func writePrivate(_ bytes: [UInt8], to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let temporary = dir + "/.\((path as NSString).lastPathComponent).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw SyncError.signingKeyUnusable(path: temporary, reason: "cannot be created: \(String(cString: strerror(errno)))") }
        var ok = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == bytes.count
        ok = ok && fchmod(fd, 0o600) == 0 && fsync(fd) == 0
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw SyncError.signingKeyUnusable(path: path, reason: "cannot be written: \(String(cString: strerror(errno)))")
        }
        let dfd = open(dir, O_RDONLY)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }
}

extension DeviceKeyFile {
    /// Writes `key` as the key of `device`: a device that goes on under the derived id of a healed
    /// fork (Protocol/SPEC.md §3.6) keeps the key that signed its history.
    public static func adopt(_ key: DeviceSigningKey, for device: DeviceID, nextTo databasePath: String) throws {
        var bytes = magic + [1] + device.raw.bytes + key.seed
        bytes += SHA256Digest.hash(bytes)
        try writePrivate(bytes, to: path(nextTo: databasePath))
    }
}
