import TouchbaseExchange

/// The shared folder, opened for this device: unlocked when it is encrypted.
///
/// Get one from ``Workspace/openFolder(encrypt:passphrase:)`` and hand it to
/// ``Workspace/sync(_:progress:)``. It holds the folder key in memory only; nothing of it is stored.
public struct SyncFolder: Sendable {
    /// The folder as the sync engine reads and writes it.
    package let shared: SharedFolder

    package init(_ shared: SharedFolder) {
        self.shared = shared
    }

    /// The folder's absolute path.
    public var path: String { shared.path }
    /// Whether the folder is encrypted (this device reads and writes it with a folder key).
    public var isEncrypted: Bool { shared.key != nil }
    /// The generation of the folder key in use; nil when the folder is not encrypted.
    public var keyGeneration: UInt64? { shared.key?.generation }
}
