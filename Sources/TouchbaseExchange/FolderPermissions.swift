#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Who may read the files this device writes to the shared folder, on the machine that holds it.
///
/// The default, ``private``, keeps them to the owner (files `0600`, directories `0700`): other local
/// users of a shared machine cannot read the change files, acks and device cards. A folder shared
/// between local accounts through a common group needs ``group`` (`0640` / `0750`); ``everyone``
/// (`0644` / `0755`) is the permissive mode of older versions. Modes are set exactly, whatever the
/// umask; file systems without permissions (FAT, many network shares) ignore them.
public enum FolderPermissions: String, Sendable, CaseIterable {
    /// Files `0600`, directories `0700`.
    case `private`
    /// Files `0640`, directories `0750`: readable by the folder's group.
    case group
    /// Files `0644`, directories `0755`: readable by every local user.
    case everyone

    /// The mode of new files.
    public var fileMode: mode_t {
        switch self {
        case .private: return 0o600
        case .group: return 0o640
        case .everyone: return 0o644
        }
    }

    /// The mode of new directories.
    public var directoryMode: mode_t {
        switch self {
        case .private: return 0o700
        case .group: return 0o750
        case .everyone: return 0o755
        }
    }
}
