/// Which passphrase the workspace asks its client for.
///
/// The workspace never stores a passphrase: the client reads it (from its keychain, a file, a
/// prompt) when asked and only then.
public enum PassphraseRequest: String, Sendable, Hashable, CaseIterable {
    /// The passphrase of the folder's key, to unlock it.
    case current
    /// A new passphrase, to set up encryption on a new, empty folder (a client asks twice).
    case new
}
