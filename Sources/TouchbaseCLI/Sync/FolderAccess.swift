import Foundation
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync

/// Opens the shared folder remembered by this device (unlocking it when encrypted).
enum FolderAccess {
    /// The remembered folder path (set by `init --folder` or `sync --folder`).
    static func path(_ store: Store) throws -> String {
        guard let p = try store.metaValue("folder") else { throw SyncError.noFolder }
        return p
    }

    /// Remembers a folder path (absolute), checking that it exists.
    static func remember(_ path: String, in store: Store) throws {
        let absolute = URL(fileURLWithPath: (path as NSString).expandingTildeInPath).standardizedFileURL.path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDir), isDir.boolValue else {
            throw SyncError.folderMissing(absolute)
        }
        if let previous = try store.metaValue("folder"), previous != absolute {
            try SyncEngine.forgetFolderNotes(in: store, device: try store.device)
        }
        try store.setMetaValue("folder", absolute)
    }

    /// Who may read the files this device writes to the folder (`sync --permissions`, remembered;
    /// owner only by default).
    static func permissions(_ store: Store) throws -> FolderPermissions {
        try store.metaValue(permissionsKey).flatMap(FolderPermissions.init(rawValue:)) ?? .private
    }

    /// The setting that remembers ``permissions(_:)``.
    static let permissionsKey = "folderPermissions"

    /// The folder, unlocked with `TOUCHBASE_PASSPHRASE` when it has a key file. With `encrypt`,
    /// an empty unencrypted folder gets a key file first.
    static func open(_ store: Store, encrypt: Bool = false) throws -> SharedFolder {
        let path = try path(store)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else { throw SyncError.folderMissing(path) }
        var folder = SharedFolder(path: path)
        folder.permissions = try permissions(store)
        let passphrase = ProcessInfo.processInfo.environment["TOUCHBASE_PASSPHRASE"].flatMap { $0.isEmpty ? nil : $0 }
        if try folder.isEncrypted() {
            guard let passphrase else { throw SyncError.passphraseRequired }
            return folder.with(key: try folder.unlock(passphrase: passphrase))
        }
        if encrypt {
            guard let passphrase else { throw SyncError.passphraseRequiredToEncrypt }
            let scan = try folder.scan()
            guard scan.changeFiles.isEmpty, scan.acks.isEmpty, scan.deviceCards.isEmpty, scan.snapshots.isEmpty else {
                throw SyncError.folderNotEmptyToEncrypt(path)
            }
            var g = SystemRandomNumberGenerator()
            let salt = (0..<32).map { _ in UInt8.random(in: 0...255, using: &g) }
            return folder.with(key: try folder.createKeyFile(passphrase: passphrase, salt: salt))
        }
        return folder
    }
}
