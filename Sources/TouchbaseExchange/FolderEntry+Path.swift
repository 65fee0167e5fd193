import TouchbaseCore

extension FolderEntry {
    /// Parses a path relative to the folder root (components separated by `/`) with the grammar of
    /// Protocol/SPEC.md §2 and §11.2; nil for any name a reader ignores. (``SharedFolder/scan()``
    /// applies the same grammar directory by directory.)
    public static func parse(relativePath path: String) -> FolderEntry? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1:
            return parts[0] == FolderKey.fileName ? .keyFile : nil
        case 2:
            if parts[0] == acksDirectory, let d = deviceFile(parts[1], ".tba") { return .ack(d) }
            if parts[0] == devicesDirectory, let d = deviceFile(parts[1], ".tbd") { return .deviceCard(d) }
            return nil
        case 3:
            guard let d = device(Substring(parts[1])) else { return nil }
            if parts[0] == changesDirectory { return changeFile(device: d, name: parts[2]).map { .changes($0) } }
            if parts[0] == snapshotsDirectory { return snapshotFile(device: d, name: parts[2]).map { .snapshot($0) } }
            return nil
        case 4:
            guard parts[0] == relaysDirectory, let relayer = device(Substring(parts[1])), let author = device(Substring(parts[2])),
                  relayer != author else { return nil }
            if parts[3] == relayedCardName { return .relayedCard(relayer: relayer, author: author) }
            guard var entry = changeFile(device: author, name: parts[3]) else { return nil }
            entry.relayer = relayer
            return .changes(entry)
        default:
            return nil
        }
    }
}
