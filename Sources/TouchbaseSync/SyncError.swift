import Foundation

/// Why a sync could not run at all.
public enum SyncError: Error, LocalizedError, Equatable, Sendable {
    /// No shared folder configured.
    case noFolder
    /// The configured folder does not exist (unmounted drive, USB stick not plugged in).
    case folderMissing(String)
    /// The folder is encrypted and no passphrase was given.
    case passphraseRequired
    /// Encrypting a folder needs a passphrase.
    case passphraseRequiredToEncrypt
    /// Only a folder without Touchbase files can be encrypted (readers reject unencrypted files in an
    /// encrypted folder, since anyone could have forged them).
    case folderNotEmptyToEncrypt(String)
    /// This device's signing key file (next to the database) is damaged or cannot be written.
    case signingKeyUnusable(String)

    public var errorDescription: String? {
        switch self {
        case .noFolder:
            return "no shared folder is set; run `touchbase sync --folder PATH` (or `touchbase init --folder PATH`)"
        case .folderMissing(let path):
            return "the shared folder \(path) does not exist (is the drive mounted?); nothing was changed"
        case .passphraseRequired:
            return "the shared folder is encrypted: set TOUCHBASE_PASSPHRASE to its passphrase"
        case .passphraseRequiredToEncrypt:
            return "to encrypt the shared folder, set TOUCHBASE_PASSPHRASE to the new passphrase"
        case .folderNotEmptyToEncrypt(let path):
            return "\(path) already holds unencrypted Touchbase files; encryption can only be set up on a new, empty shared folder"
        case .signingKeyUnusable(let why):
            return "this device's signing key is unusable: \(why)"
        }
    }
}
