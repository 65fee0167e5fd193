import Foundation
import TouchbaseCore

/// Why a sync could not run at all.
///
/// Match on ``code`` and word it from the typed fields. ``description`` names no client command,
/// option or environment variable and carries no path (a home folder names its owner); the path is
/// in ``path`` and ``expandedDescription``.
///
/// To add a failure: a case in ``Code``, a static factory named after it (its arguments become
/// typed fields here, optional), a line in ``description``, and the client's wording.
public struct SyncError: Error, LocalizedError, Hashable, Sendable, ExpandedDescribing {
    /// What went wrong.
    public enum Code: String, Hashable, Sendable, CaseIterable {
        /// No shared folder configured.
        case noFolder
        /// The configured folder (``SyncError/path``) does not exist (unmounted drive, USB stick not plugged in).
        case folderMissing
        /// The folder is encrypted and no passphrase was given.
        case passphraseRequired
        /// Encrypting a folder needs a passphrase.
        case passphraseRequiredToEncrypt
        /// Only a folder without Touchbase files can be encrypted (readers reject unencrypted files in an
        /// encrypted folder, since anyone could have forged them).
        case folderNotEmptyToEncrypt
        /// This device's signing key file (next to the database, ``SyncError/path``) is damaged or
        /// cannot be written; ``SyncError/reason`` says which.
        case signingKeyUnusable
    }

    /// What went wrong.
    public let code: Code
    /// The folder or file concerned. Personal (a home folder names its owner): not in ``description``.
    public let path: String?
    /// A technical reason without personal data (`"is damaged"`, `"cannot be written: No space left on device"`).
    public let reason: String?

    /// Creates an error; prefer the static factories named after the codes.
    public init(_ code: Code, path: String? = nil, reason: String? = nil) {
        self.code = code
        self.path = path
        self.reason = reason
    }

    // MARK: - Factories, one per code

    /// No shared folder configured.
    public static let noFolder = SyncError(.noFolder)
    /// The folder at `path` does not exist.
    public static func folderMissing(_ path: String) -> SyncError { SyncError(.folderMissing, path: path) }
    /// The folder is encrypted and no passphrase was given.
    public static let passphraseRequired = SyncError(.passphraseRequired)
    /// Encrypting a folder needs a passphrase.
    public static let passphraseRequiredToEncrypt = SyncError(.passphraseRequiredToEncrypt)
    /// The folder at `path` already holds unencrypted Touchbase files.
    public static func folderNotEmptyToEncrypt(_ path: String) -> SyncError { SyncError(.folderNotEmptyToEncrypt, path: path) }
    /// This device's signing key is unusable; `why` is technical and names no path.
    public static func signingKeyUnusable(_ why: String) -> SyncError { SyncError(.signingKeyUnusable, reason: why) }
    /// This device's signing key file at `path` is unusable for `reason` (`"is damaged"`).
    public static func signingKeyUnusable(path: String, reason: String) -> SyncError {
        SyncError(.signingKeyUnusable, path: path, reason: reason)
    }

    // MARK: - Descriptions

    public var description: String {
        switch code {
        case .noFolder: return "no shared folder is set"
        case .folderMissing: return "the shared folder does not exist (is the drive mounted?); nothing was changed"
        case .passphraseRequired: return "the shared folder is encrypted and no passphrase was given"
        case .passphraseRequiredToEncrypt: return "encrypting the shared folder needs a new passphrase"
        case .folderNotEmptyToEncrypt:
            return "the folder already holds unencrypted Touchbase files; encryption can only be set up on a new, empty shared folder"
        case .signingKeyUnusable:
            return "this device's signing key is unusable" + (reason.map { ": the key file \($0)" } ?? "")
        }
    }

    /// The description with the path.
    public var expandedDescription: String {
        path.map { "\(description); path: \($0)" } ?? description
    }

    public var errorDescription: String? { description }
}
