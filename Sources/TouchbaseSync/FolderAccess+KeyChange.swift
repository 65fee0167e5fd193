import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore

extension FolderAccess {
    /// Changes the folder passphrase: writes the next generation's key file, which carries every
    /// earlier key (so files already in the folder stay readable with the new passphrase alone),
    /// and makes this device use it. Other devices follow once given the new passphrase; from now
    /// on this device seals only with the new key (its device card and ack are rewritten at the
    /// next sync).
    ///
    /// When the folder's current key is not this device's (the key was changed elsewhere, perhaps
    /// at the same time), the new passphrase must be the one set there: its key is carried too.
    ///
    /// - parameters:
    ///   - oldPassphrase: opens the key this device uses.
    ///   - newPassphrase: the new passphrase.
    ///   - cost: the scrypt cost of the new key file; nil keeps the cost of the folder's current one
    ///     (chosen where the folder was encrypted, perhaps for a device with little memory).
    /// - returns: the folder, with the new key.
    /// - throws: ``FolderAccessError`` (`notEncrypted`, `keyFileMissing`, `samePassphrase`,
    ///   `folderKeyChanged` when another device's key change must be followed first),
    ///   ``ExchangeError`` (`wrongPassphrase`, `publishConflict` when another device wrote the same
    ///   generation at the same instant, `writeFailed`).
    public func changeKey(oldPassphrase: String, newPassphrase: String, cost: KeyDerivationParameters? = nil) throws -> SharedFolder {
        let folder = try existingFolder()
        let files = try folder.keyFiles()
        let remembered = try rememberedKey()
        guard let current = files.current else {
            if let rejected = files.rejected.first { throw rejected.error }
            if let remembered {
                throw FolderAccessError(.keyFileMissing, "no key file; this device uses key \(Self.hex(remembered.keyID))")
            }
            throw FolderAccessError(.notEncrypted, "the folder has no key file")
        }
        guard oldPassphrase.precomposedStringWithCanonicalMapping != newPassphrase.precomposedStringWithCanonicalMapping else {
            throw FolderAccessError(.samePassphrase, "the new passphrase is the old one")
        }
        var mineFile = current
        if let remembered {
            guard let f = files.file(keyID: remembered.keyID) else {
                throw FolderAccessError(.keyFileMissing, "the key file of key \(Self.hex(remembered.keyID)) (generation \(remembered.generation)) is missing")
            }
            mineFile = f
        }
        var carried = [try folder.unlock(mineFile, passphrase: oldPassphrase)]
        if !carried[0].opens(keyID: current.keyID) {
            // The key was changed elsewhere: carry that key too, opened with the new passphrase.
            do {
                carried.append(try folder.unlock(current, passphrase: newPassphrase))
            } catch ExchangeError.wrongPassphrase {
                throw FolderAccessError(.folderKeyChanged, "the folder key was changed to \(Self.hex(current.keyID)) (generation \(current.generation)) elsewhere; the new passphrase must be the one set there")
            }
        }
        let generation = (files.files.map(\.generation).max() ?? 1) + 1
        let (key, bytes) = try FolderKey.rotate(carrying: carried, passphrase: newPassphrase, salt: makeSalt(),
                                                generation: generation, parameters: cost ?? current.info.parameters)
        try folder.writeKeyGeneration(key, keyFile: bytes)
        try remember(key)
        // The next sync rewrites this device's card and ack under the new key.
        try store.setMetaValue(SyncEngine.Marks.cardName, nil)
        try store.setMetaValue(SyncEngine.Marks.ackedVersion, nil)
        return folder.with(key: key)
    }

    /// Checks, before a sync reads or writes anything, that `folder` is opened as this device's
    /// policy requires: with the key it remembers (or one carrying it) when it uses an encrypted
    /// folder, and that key is still the folder's current one; without a key only when the folder
    /// has no key file and holds no encrypted file. Guards clients that build a ``SharedFolder``
    /// themselves instead of calling ``open(encrypt:passphrase:)``.
    ///
    /// - throws: ``FolderAccessError``.
    public func verify(_ folder: SharedFolder, scan: FolderScan) throws {
        let remembered = try rememberedKey()
        let files = try folder.keyFiles()
        if let key = folder.key {
            guard let current = files.current else {
                throw FolderAccessError(.keyFileMissing, "no key file; this device uses key \(Self.hex(key.keyID))")
            }
            guard current.keyID == key.keyID else {
                throw FolderAccessError(current.generation > key.generation ? .folderKeyChanged : .keyFileChanged,
                                        "the folder's key is \(Self.hex(current.keyID)), not \(Self.hex(key.keyID))")
            }
            if let remembered, !key.opens(keyID: remembered.keyID) {
                throw FolderAccessError(.keyFileChanged, "this device uses key \(Self.hex(remembered.keyID))")
            }
            return
        }
        if let remembered {
            throw FolderAccessError(files.current == nil ? .keyFileMissing : .passphraseRequired,
                                    "this device uses key \(Self.hex(remembered.keyID)); the folder was opened without it")
        }
        if files.current != nil || !files.rejected.isEmpty {
            throw FolderAccessError(.passphraseRequired, "the folder has a key file; it was opened without a key")
        }
        if folder.holdsEncryptedFiles(scan) {
            throw FolderAccessError(.waitingForKeyFile, "the folder holds encrypted files but no key file")
        }
    }
}
