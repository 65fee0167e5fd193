import TouchbaseExchange

/// Why the shared folder may not be read or written: the encryption policy refused.
///
/// Match on ``code``; each client words it for its users. The description is technical and never
/// names a command, an option or an environment variable.
public struct FolderAccessError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A refusal kind.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Lets `catch FolderAccessError.Code.keyFileMissing` match a ``FolderAccessError``.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? FolderAccessError)?.code == code
        }

        /// The folder is encrypted (or this device remembers that it is) and no passphrase was given.
        public static let passphraseRequired = Code(rawValue: "passphraseRequired")
        /// Encrypting a folder needs a passphrase.
        public static let passphraseRequiredToEncrypt = Code(rawValue: "passphraseRequiredToEncrypt")
        /// This device uses an encrypted folder and the folder has no key file (deleted, or not
        /// synced yet): nothing is read or written until it is back.
        public static let keyFileMissing = Code(rawValue: "keyFileMissing")
        /// The folder's key file is not the one this device uses, and not a key change it can follow
        /// (replaced by another, or an older one put back).
        public static let keyFileChanged = Code(rawValue: "keyFileChanged")
        /// The folder key was changed on another device: the passphrase given opens only the old key.
        public static let folderKeyChanged = Code(rawValue: "folderKeyChanged")
        /// Another device changed the folder key at the same time as this one, and its change is the
        /// one every device follows; files this device sealed under its own new key need a key
        /// change that carries both (given this device's passphrase and the other one).
        public static let concurrentKeyChange = Code(rawValue: "concurrentKeyChange")
        /// The folder holds encrypted files but its key file has not arrived yet: this device waits
        /// rather than start a plaintext history.
        public static let waitingForKeyFile = Code(rawValue: "waitingForKeyFile")
        /// Only a folder without Touchbase files can be encrypted (readers reject unencrypted files in
        /// an encrypted folder, since anyone could have forged them).
        public static let folderNotEmptyToEncrypt = Code(rawValue: "folderNotEmptyToEncrypt")
        /// A key change was asked for a folder that is not encrypted.
        public static let notEncrypted = Code(rawValue: "notEncrypted")
        /// The new passphrase equals the old one.
        public static let samePassphrase = Code(rawValue: "samePassphrase")
    }

    /// What was refused.
    public let code: Code
    /// A technical explanation (key ids, generations, paths relative to the folder).
    public let detail: String

    /// Creates an error.
    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(code): \(detail)" }
}
