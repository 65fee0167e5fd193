import TouchbaseStore
import Foundation
@_exported import TouchbaseExchange
@_exported import TouchbaseSync

/// Choosing the shared folder, switching to another one, and its encryption.
///
/// The encryption set-up policy (``FolderAccess``): a device that has used an encrypted folder never
/// reads or writes it without the key, never falls back to plaintext, and encrypts only a new, empty
/// folder. The passphrase comes from the client, asked through a callback only when needed.
extension Workspace {
    /// The shared folder this device syncs with; nil when none was chosen yet.
    public func folderPath() throws -> String? {
        do {
            return try FolderAccess(store: store).path()
        } catch let error as SyncError where error == .noFolder {
            return nil
        }
    }

    /// The shared folder this device syncs with.
    ///
    /// - throws: ``SyncError/noFolder`` when none was chosen yet.
    public func requireFolderPath() throws -> String {
        try FolderAccess(store: store).path()
    }

    /// Chooses the shared folder (remembered, made absolute). Choosing another folder than before
    /// starts afresh with it: what was noted about the old folder, and its key, are forgotten.
    ///
    /// - throws: ``SyncError/folderMissing(_:)`` when `path` is not an existing directory.
    public func chooseFolder(_ path: String) throws {
        try FolderAccess(store: store).remember(path: path)
    }

    /// Who may read the files this device writes to the folder (owner only unless chosen otherwise).
    public func folderPermissions() throws -> FolderPermissions {
        try FolderAccess(store: store).permissions()
    }

    /// Chooses who may read the files this device writes to the folder from now on (remembered).
    public func setFolderPermissions(_ permissions: FolderPermissions) throws {
        try FolderAccess(store: store).remember(permissions: permissions)
    }

    /// Opens the chosen folder for a sync, unlocking it when it is (or this device remembers it
    /// is) encrypted.
    ///
    /// - parameters:
    ///   - encrypt: set up encryption on a new, empty folder (a no-op for a folder already encrypted).
    ///   - passphrase: called at most once, only when a passphrase is needed: with ``PassphraseRequest/new``
    ///     when `encrypt` is set, else ``PassphraseRequest/current``. Return nil when none is available.
    /// - throws: ``SyncError`` (no folder, folder missing), ``FolderAccessError`` (the policy refused:
    ///   a passphrase is needed, the key file is missing or replaced, the folder is not empty),
    ///   ``ExchangeError`` (`wrongPassphrase`, a damaged key file, a failed read or write).
    public func openFolder(encrypt: Bool = false, passphrase: (PassphraseRequest) throws -> String?) throws -> SyncFolder {
        try openFolder(encrypt: encrypt, keyDerivation: nil, passphrase: passphrase)
    }

    /// ``openFolder(encrypt:passphrase:)`` with the scrypt cost of a new key file chosen.
    ///
    /// - parameter keyDerivation: the cost of the key file written when `encrypt` sets up a new
    ///   folder, e.g. ``KeyDerivationParameters/init(memoryMiB:)`` for a device with little memory.
    ///   An existing key file keeps the cost it was written with. Nil: the default cost,
    ///   ``KeyDerivationParameters/default``.
    public func openFolder(encrypt: Bool, keyDerivation: KeyDerivationParameters?,
                            passphrase: (PassphraseRequest) throws -> String?) throws -> SyncFolder {
        let request: PassphraseRequest = encrypt ? .new : .current
        var access = FolderAccess(store: store)
        if let keyDerivation { access.parameters = keyDerivation }
        return SyncFolder(try access.open(encrypt: encrypt) { try passphrase(request) })
    }

    /// Changes the passphrase of the encrypted folder, then syncs once so that this device's card
    /// and acknowledgement are rewritten under the new key. Every file already in the folder stays
    /// readable with the new passphrase alone; other devices need the new one from now on.
    ///
    /// - returns: the folder, opened with its new key.
    /// - throws: ``SyncError/noFolder``, ``FolderAccessError`` (`notEncrypted`, `samePassphrase`,
    ///   `keyFileMissing`, `folderKeyChanged`), ``ExchangeError`` (`wrongPassphrase`, a failed write).
    public func changeFolderKey(oldPassphrase: String, newPassphrase: String) async throws -> SyncFolder {
        try await changeFolderKey(oldPassphrase: oldPassphrase, newPassphrase: newPassphrase, keyDerivation: nil)
    }

    /// ``changeFolderKey(oldPassphrase:newPassphrase:)`` writing the new key file with the scrypt
    /// cost `keyDerivation` (see ``openFolder(encrypt:keyDerivation:passphrase:)``); nil keeps the
    /// cost of the folder's current key file.
    public func changeFolderKey(oldPassphrase: String, newPassphrase: String,
                                 keyDerivation: KeyDerivationParameters?) async throws -> SyncFolder {
        let access = FolderAccess(store: store)
        let folder = SyncFolder(try access.changeKey(oldPassphrase: oldPassphrase, newPassphrase: newPassphrase, cost: keyDerivation))
        _ = try await sync(folder)
        return folder
    }
}
