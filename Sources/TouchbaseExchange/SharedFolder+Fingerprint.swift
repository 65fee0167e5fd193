#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import TouchbaseCore

extension SharedFolder {
    /// The fingerprints of changes files, the authors' own or relays, as they are now (one
    /// directory open per folder, then one `stat` per file; no file is opened). A file that is
    /// absent or not a regular file has none. A sync takes them from its scan instead
    /// (``FolderScan/fingerprints(_:)``), before it reads any file.
    ///
    /// - throws: ``ExchangeError`` `readFailed` when the folder itself cannot be opened.
    public func fingerprints(_ entries: [ChangeFileEntry]) throws -> [ChangeFileEntry: FileFingerprint] {
        var out: [ChangeFileEntry: FileFingerprint] = [:]
        for (dirs, group) in Dictionary(grouping: entries, by: { FolderEntry.changes($0).components.directories }) {
            var fd = try openRoot()
            defer { close(fd) }
            var found = true
            for d in dirs {
                guard let next = try? FileSystem.openDirectory(fd, d) else { found = false; break }
                close(fd)
                fd = next
            }
            guard found else { continue }
            let observed = observationTime()
            for entry in group {
                if let print = Self.fingerprint(fd, entry.fileName, observed: observed) { out[entry] = print }
            }
        }
        return out
    }

    /// The fingerprint of one changes file as it is now; nil when it is absent.
    public func fingerprint(_ entry: ChangeFileEntry) throws -> FileFingerprint? {
        try fingerprints([entry])[entry]
    }

    /// The fingerprint of `name` in `dir` (without following a symbolic link), observed at `observed`
    /// or later; nil unless it is a regular file.
    static func fingerprint(_ dir: Int32, _ name: String, observed: Int64) -> FileFingerprint? {
        var st = stat()
        guard fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileFingerprint(st, observed: observed)
    }
}
