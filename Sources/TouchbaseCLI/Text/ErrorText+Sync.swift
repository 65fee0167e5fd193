import TouchbaseSync

extension ErrorText {
    /// The terminal's message for a ``SyncError``.
    static func sync(_ e: SyncError) -> String {
        switch e.code {
        case .noFolder:
            return "no shared folder is set; run `touchbase sync --folder PATH` (or `touchbase init --folder PATH`)"
        case .folderMissing:
            return "the shared folder \(e.path ?? "") does not exist (is the drive mounted?); nothing was changed"
        case .passphraseRequired:
            return "the shared folder is encrypted: set TOUCHBASE_PASSPHRASE to its passphrase"
        case .passphraseRequiredToEncrypt:
            return "to encrypt the shared folder, set TOUCHBASE_PASSPHRASE to the new passphrase"
        case .folderNotEmptyToEncrypt:
            return "\(e.path ?? "the folder") already holds unencrypted Touchbase files; "
                + "encryption can only be set up on a new, empty shared folder"
        case .signingKeyUnusable:
            let why = [e.path, e.reason].compactMap { $0 }.joined(separator: " ")
            return "this device's signing key is unusable: \(why)"
        }
    }
}
