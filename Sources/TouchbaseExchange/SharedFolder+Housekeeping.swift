#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import TouchbaseCore

extension SharedFolder {
    // MARK: - Garbage collection (own files only, Protocol/SPEC.md §3.7)

    /// Deletes one of `owner`'s relays, `relays/<owner>/<author>/…` (garbage collection: the
    /// deciding is the sync engine's job).
    ///
    /// - throws: ``ExchangeError/invalidArgument`` for anything but a relay by `owner`; `writeFailed`.
    public func removeOwnRelay(_ file: ChangeFileEntry, owner: DeviceID) throws {
        guard file.relayer == owner else {
            throw ExchangeError(.invalidArgument, "a device deletes only its own files", file: file.relativePath)
        }
        try remove(.changes(file))
    }

    /// Deletes one of `owner`'s snapshots (an older one, once a newer own snapshot covers it): the
    /// snapshot first, so no reader finds it without its parts, then its parts and their folder.
    ///
    /// - throws: ``ExchangeError/invalidArgument`` for another device's snapshot; `writeFailed`.
    public func removeOwnSnapshot(_ file: SnapshotEntry, owner: DeviceID) throws {
        guard file.device == owner else {
            throw ExchangeError(.invalidArgument, "a device deletes only its own files", file: file.relativePath)
        }
        try remove(.snapshot(file))
        let partsPath = FolderEntry.snapshotsDirectory + "/" + owner.hex + "/" + "\(file.total)-\(file.digest)"
        do {
            try withDirectory(.snapshot(file), create: false) { dir, _, _ in
                guard let parts = try? FileSystem.openDirectory(dir, "\(file.total)-\(file.digest)") else { return }
                defer { close(parts) }
                for (name, type) in try FileSystem.list(parts) {
                    // Only names of parts: anything else in there is left alone.
                    guard case .regular = type, let stem = FolderEntry.stem(name, ".tbp"), FolderEntry.number(stem) != nil else { continue }
                    try FileSystem.remove(parts, name)
                }
                try FileSystem.syncDirectory(parts, faults: faults)
                if unlinkat(dir, "\(file.total)-\(file.digest)", AT_REMOVEDIR) == 0 { try FileSystem.syncDirectory(dir, faults: faults) }
            }
        } catch let e as ExchangeError where e.code == .readFailed {
            return
        } catch let e as SystemCallError where e.code == ENOENT {
            return
        } catch {
            throw ExchangeError(.writeFailed, "\(error)", file: partsPath)
        }
    }

    /// The fingerprint of a snapshot file as it is now (``FileFingerprint``); nil when it is absent.
    public func fingerprint(_ entry: SnapshotEntry) -> FileFingerprint? {
        let observed = observationTime()
        return try? withDirectory(.snapshot(entry), create: false) { dir, name, _ in Self.fingerprint(dir, name, observed: observed) }
    }

    /// Unlinks a file and flushes its directory; an absent file is not an error.
    private func remove(_ entry: FolderEntry) throws {
        do {
            try withDirectory(entry, create: false) { dir, name, path in
                do {
                    try FileSystem.remove(dir, name)
                    try FileSystem.syncDirectory(dir, faults: faults)
                } catch let e as SystemCallError where e.code == ENOENT {
                    return
                } catch {
                    throw ExchangeError(.writeFailed, "\(error)", file: path)
                }
            }
        } catch let e as ExchangeError where e.code == .readFailed {
            return  // its folder is gone: so is the file
        }
    }
}
