import Foundation
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore

/// The encryption policy of the shared folder, for every client (the terminal, a phone app).
///
/// ```swift
/// let access = FolderAccess(store: store)
/// let folder = try access.open(passphrase: { keychain.passphrase() })   // asked only when needed
/// try SyncEngine(store: store, folder: folder).sync()
/// ```
///
/// The device remembers in its own database which folder it syncs with and, once the folder is
/// encrypted, the generation and id of the key it uses (public values; never the passphrase or a
/// derived key). From then on it refuses to read or write when the folder's key file is missing or
/// is not that key or a key change it can follow: it never falls back to plaintext. A device that
/// finds encrypted files but no key file yet waits for it. See Protocol/SPEC.md §6.
public struct FolderAccess {
    /// The database.
    public let store: Store
    /// The scrypt cost of the key file written when this device encrypts a new folder (a key change
    /// keeps the current key file's cost unless it is given one).
    public var parameters: KeyDerivationParameters = .default
    /// 32 random bytes for each new key file (injected by tests).
    public var makeSalt: () -> [UInt8] = {
        var g = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: 0...255, using: &g) }
    }

    /// Local settings (the `meta` table).
    enum Meta {
        static let folder = "folder"
        static let keyID = "folderKeyID"
        static let keyGeneration = "folderKeyGeneration"
        static let permissions = "folderPermissions"
    }

    /// Creates the policy for one database.
    public init(store: Store) {
        self.store = store
    }

    // MARK: - Which folder

    /// The remembered folder path.
    ///
    /// - throws: ``SyncError/noFolder``.
    public func path() throws -> String {
        guard let p = try store.metaValue(Meta.folder) else { throw SyncError.noFolder }
        return p
    }

    /// Remembers a folder path (made absolute), checking that it exists. A different folder than
    /// before starts afresh: what was noted about the old one, and its key, are forgotten.
    ///
    /// - throws: ``SyncError/folderMissing(_:)``.
    public func remember(path: String) throws {
        let absolute = URL(fileURLWithPath: (path as NSString).expandingTildeInPath).standardizedFileURL.path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDir), isDir.boolValue else {
            throw SyncError.folderMissing(absolute)
        }
        if let previous = try store.metaValue(Meta.folder), previous != absolute {
            try SyncEngine.forgetFolderNotes(in: store, device: try store.device)
            try forgetKey()
        }
        try store.setMetaValue(Meta.folder, absolute)
    }

    // MARK: - The key this device uses

    /// The key this device uses with its folder: nil while the folder is not encrypted.
    public func rememberedKey() throws -> (generation: UInt64, keyID: UInt64)? {
        guard let id = try store.metaValue(Meta.keyID).flatMap({ UInt64($0, radix: 16) }) else { return nil }
        let generation = try store.metaValue(Meta.keyGeneration).flatMap { UInt64($0) } ?? 1
        return (generation, id)
    }

    func remember(_ key: FolderKey) throws {
        try store.setMetaValue(Meta.keyID, String(key.keyID, radix: 16))
        try store.setMetaValue(Meta.keyGeneration, String(key.generation))
    }

    func forgetKey() throws {
        try store.setMetaValue(Meta.keyID, nil)
        try store.setMetaValue(Meta.keyGeneration, nil)
    }

    // MARK: - Opening

    /// Opens the remembered folder, unlocking it when it is (or this device remembers it is)
    /// encrypted. With `encrypt`, a folder without Touchbase files gets a key file first.
    ///
    /// - parameters:
    ///   - encrypt: make a new, empty folder encrypted.
    ///   - passphrase: asked for the passphrase only when one is needed; nil means none is available.
    /// - throws: ``SyncError`` (no folder, folder missing), ``FolderAccessError`` (the policy
    ///   refused), ``ExchangeError`` (`wrongPassphrase`, a damaged key file, a failed read or write).
    public func open(encrypt: Bool = false, passphrase: () throws -> String?) throws -> SharedFolder {
        let folder = try existingFolder()
        let files = try folder.keyFiles()
        guard let current = files.current else {
            if let rejected = files.rejected.first { throw rejected.error }
            if let remembered = try rememberedKey() {
                throw FolderAccessError(.keyFileMissing, "no key file; this device uses key \(Self.hex(remembered.keyID)) (generation \(remembered.generation))")
            }
            // Without encrypting, only whether the folder holds encrypted files is asked: the
            // changes files of devices with an ack or a card need not be listed for that.
            let scan = try encrypt ? folder.scan() : folder.scanForEncryptedFiles()
            if encrypt {
                guard let passphrase = try passphrase() else { throw FolderAccessError(.passphraseRequiredToEncrypt, "no passphrase") }
                guard scan.changeFiles.isEmpty, scan.acks.isEmpty, scan.deviceCards.isEmpty, scan.snapshots.isEmpty else {
                    throw FolderAccessError(.folderNotEmptyToEncrypt, "the folder already holds Touchbase files")
                }
                let key = try folder.createKeyFile(passphrase: passphrase, salt: makeSalt(), parameters: parameters)
                try remember(key)
                return folder.with(key: key)
            }
            if folder.holdsEncryptedFiles(scan) {
                throw FolderAccessError(.waitingForKeyFile, "the folder holds encrypted files but no key file")
            }
            return folder
        }
        guard let passphrase = try passphrase() else {
            throw FolderAccessError(.passphraseRequired, "the folder is encrypted (key generation \(current.generation))")
        }
        let key = try follow(folder, files, passphrase: passphrase)
        try remember(key)
        return folder.with(key: key)
    }

    /// The key of the folder's current key file, if this device may use it: the key it remembers,
    /// a later generation that carries it, or (the first time) any.
    func follow(_ folder: SharedFolder, _ files: FolderKeyFiles, passphrase: String) throws -> FolderKey {
        let current = files.current!
        guard let remembered = try rememberedKey() else { return try folder.unlock(current, passphrase: passphrase) }
        if current.keyID == remembered.keyID { return try folder.unlock(current, passphrase: passphrase) }
        let mine = files.file(keyID: remembered.keyID)
        let describe = "this device uses key \(Self.hex(remembered.keyID)) (generation \(remembered.generation)); the folder's is \(Self.hex(current.keyID)) (generation \(current.generation))"
        if current.generation < remembered.generation || (mine == nil && current.generation == remembered.generation) {
            // An older key file put back, or the key file replaced: never a key change.
            throw FolderAccessError(mine == nil && current.generation < remembered.generation ? .keyFileMissing : .keyFileChanged, describe)
        }
        let key: FolderKey
        do {
            key = try folder.unlock(current, passphrase: passphrase)
        } catch ExchangeError.wrongPassphrase {
            // A later generation: a key change to follow with the new passphrase. The same
            // generation: another device's key change won over this device's.
            throw FolderAccessError(current.generation > remembered.generation ? .folderKeyChanged : .concurrentKeyChange, describe)
        }
        guard key.opens(keyID: remembered.keyID) else {
            // The current key does not descend from this device's: a key change made at the same
            // time elsewhere (this device's key file is still there), or an unrelated key file.
            throw FolderAccessError(mine != nil ? .concurrentKeyChange : .keyFileChanged, describe)
        }
        return key
    }

    func existingFolder() throws -> SharedFolder {
        let path = try path()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else { throw SyncError.folderMissing(path) }
        var folder = SharedFolder(path: path)
        folder.permissions = try permissions()
        return folder
    }

    // MARK: - Who may read what this device writes

    /// Who may read the files this device writes to the folder (remembered; owner only by default).
    public func permissions() throws -> FolderPermissions {
        try store.metaValue(Meta.permissions).flatMap(FolderPermissions.init(rawValue:)) ?? .private
    }

    /// Remembers who may read the files this device writes to the folder from now on.
    public func remember(permissions: FolderPermissions) throws {
        try store.setMetaValue(Meta.permissions, permissions.rawValue)
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
