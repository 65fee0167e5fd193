import Foundation
import TouchbaseKit

/// Opens the shared folder for a command through the kit (which owns the encryption policy), with
/// the passphrase from ``PassphraseOptions``, and words its refusals.
enum FolderOpening {
    /// The remembered folder, unlocked when encrypted. With `encrypt`, an empty folder gets a key file of cost `keyDerivation` (nil: the kit's default).
    static func open(_ kit: Workspace, passphrase options: PassphraseOptions, encrypt: Bool = false,
                     keyDerivation: KeyDerivationParameters? = nil) throws -> SyncFolder {
        try worded {
            try kit.openFolder(encrypt: encrypt, keyDerivation: keyDerivation) { request in try options.passphrase(for: request) }
        }
    }

    /// Runs `body`, turning the kit's refusals into messages for the terminal.
    static func worded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as FolderAccessError {
            throw FolderRefusal(FolderOpening.message(e))
        }
    }

    /// Waits for the kit's async `body`, turning its refusals into messages for the terminal.
    static func worded<T: Sendable>(async body: @escaping @Sendable () async throws -> T) throws -> T {
        try worded { try AsyncBridge.run(body) }
    }

    /// What the terminal says for each refusal.
    static func message(_ e: FolderAccessError) -> String {
        let source = "set TOUCHBASE_PASSPHRASE, use --passphrase-file PATH, or run on a terminal to be asked"
        switch e.code {
        case .passphraseRequired:
            return "the shared folder is encrypted: \(source) (nothing was read or written)"
        case .passphraseRequiredToEncrypt:
            return "to encrypt the shared folder, set TOUCHBASE_PASSPHRASE to the new passphrase, use --passphrase-file PATH, or run on a terminal to be asked"
        case .keyFileMissing:
            return "the shared folder's key file (touchbase-folder.key or keys/) is missing, but this device uses an encrypted folder: "
                + "nothing was read or written. Restore the key file (or wait until it syncs back), then run `touchbase sync` again."
        case .keyFileChanged:
            return "the shared folder's key file is not the one this device uses (replaced or rolled back): nothing was read or written. "
                + "Restore the original key file."
        case .folderKeyChanged:
            return "the folder key was changed on another device: give the new passphrase (\(source)); nothing was read or written"
        case .concurrentKeyChange:
            return "the folder key was changed on another device at the same time as on this one, and that change is the one every device follows. "
                + "Run `touchbase key change` here with this device's passphrase as the current one and the other device's as the new one, "
                + "so the files this device wrote stay readable."
        case .waitingForKeyFile:
            return "the shared folder holds encrypted files but its key file has not arrived yet: waiting for it, nothing was read or written. "
                + "Run `touchbase sync` again once touchbase-folder.key is there."
        case .folderNotEmptyToEncrypt:
            return "the shared folder already holds unencrypted Touchbase files; encryption can only be set up on a new, empty shared folder"
        case .notEncrypted:
            return "the shared folder is not encrypted: there is no key to change (encrypt a new, empty folder with `touchbase sync --encrypt`)"
        case .samePassphrase:
            return "the new passphrase is the current one; nothing was changed"
        default:
            return "the shared folder cannot be used: \(e.code)"
        }
    }
}

/// A refusal to use the shared folder, worded for the terminal.
struct FolderRefusal: Error, LocalizedError {
    var message: String
    init(_ message: String) { self.message = message }
    var errorDescription: String? { message }
}
