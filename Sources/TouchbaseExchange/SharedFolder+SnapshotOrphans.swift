#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import TouchbaseCore

extension SharedFolder {
    /// Removes `owner`'s orphaned snapshot parts (Protocol/SPEC.md §3.7, rule 5): the part folders
    /// `snapshots/<owner>/<total>-<digest>/` that no snapshot `<total>-<digest>.tbs` names, which a
    /// writer killed half way leaves. Only a folder whose every entry is a part (`<n>.tbp`) or one of
    /// `owner`'s own temporaries, each older than `maxAge` seconds, is removed: a younger one may
    /// belong to another process of the same device still writing, and anything else in it is not
    /// a Touchbase file and is left alone. Killed half way, the folder keeps fewer orphaned parts,
    /// and the next call removes the rest.
    ///
    /// - returns: the part folders removed, relative to the folder root.
    /// - throws: ``ExchangeError/writeFailed`` when a removal fails.
    @discardableResult
    public func removeOrphanedSnapshotParts(of owner: DeviceID, olderThan maxAge: Int = 3600, now: Int) throws -> [String] {
        let root = try openRoot()
        defer { close(root) }
        guard let top = try? FileSystem.openDirectory(root, FolderEntry.snapshotsDirectory) else { return [] }
        defer { close(top) }
        guard let mine = try? FileSystem.openDirectory(top, owner.hex) else { return [] }
        defer { close(mine) }
        let base = FolderEntry.snapshotsDirectory + "/" + owner.hex
        let listed = (try? list(mine, base)) ?? []
        let names = Set(listed.map(\.name))
        let temporary = Self.temporaryPrefix(owner)
        var removed: [String] = []
        for (name, type) in listed where type == .directory && !names.contains(name + ".tbs") {
            // Only a name a snapshot of `owner` could have.
            guard let entry = FolderEntry.snapshotFile(device: owner, name: name + ".tbs"),
                  "\(entry.total)-\(entry.digest)" == name,
                  let parts = try? FileSystem.openDirectory(mine, name) else { continue }
            defer { close(parts) }
            guard let inside = try? FileSystem.list(parts) else { continue }
            let stale = inside.allSatisfy { file, fileType in
                guard case .regular(_, let modified) = fileType, now - modified > maxAge else { return false }
                if file.hasPrefix(temporary) && file.hasSuffix(".tmp") { return true }
                guard let stem = FolderEntry.stem(file, ".tbp"), let n = FolderEntry.number(stem) else { return false }
                return "\(n).tbp" == file
            }
            // A snapshot that appeared meanwhile names these parts: they stay.
            guard stale, FileSystem.type(mine, name + ".tbs") == .other else { continue }
            let path = base + "/" + name
            do {
                for (file, _) in inside { try FileSystem.remove(parts, file) }
                try FileSystem.syncDirectory(parts, faults: faults)
                guard unlinkat(mine, name, AT_REMOVEDIR) == 0 else { throw FileSystem.fail("rmdir \(name)") }
                try FileSystem.syncDirectory(mine, faults: faults)
            } catch let e as SystemCallError where e.code == ENOENT {
                continue  // another process of this device removed it first
            } catch {
                throw ExchangeError(.writeFailed, "\(error)", file: path)
            }
            removed.append(path)
        }
        return removed
    }
}
