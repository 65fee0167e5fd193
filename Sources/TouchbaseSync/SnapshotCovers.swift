import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore

/// The vectors covered by the snapshots of the folder that verified (signature by the pinned key,
/// name matching the vector, Protocol/SPEC.md §7.6), remembered with each file's fingerprint: a
/// snapshot is read again only when its content may have changed.
struct SnapshotCovers {
    private let store: Store
    private var known: [String: (print: FileFingerprint, covers: VersionVector)] = [:]
    private var changed = false

    init(store: Store) throws {
        self.store = store
        for line in (try store.metaValue(SyncEngine.GarbageMarks.verifiedSnapshots) ?? "").split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 3, let print = FileFingerprint(parts[1]), let covers = Self.vector(parts[2]) else { continue }
            known[String(parts[0])] = (print, covers)
        }
    }

    /// The vector `entry` covers when it verifies; nil when it does not (damaged, still arriving,
    /// not signed by its device's pinned key, a name that does not match).
    mutating func covers(of entry: SnapshotEntry, in folder: SharedFolder) -> VersionVector? {
        guard let print = folder.fingerprint(entry) else { return nil }
        if let k = known[entry.relativePath], k.print.vouches(for: print) { return k.covers }
        guard let snapshot = try? folder.readSnapshot(entry), folder.fingerprint(entry)?.isSameVersion(as: print) == true else {
            if known.removeValue(forKey: entry.relativePath) != nil { changed = true }
            return nil
        }
        known[entry.relativePath] = (print, snapshot.covers)
        changed = true
        return snapshot.covers
    }

    /// Forgets the snapshots no longer in the folder.
    mutating func keepOnly(_ entries: [SnapshotEntry]) {
        let listed = Set(entries.map(\.relativePath))
        for path in known.keys where !listed.contains(path) {
            known[path] = nil
            changed = true
        }
    }

    /// Stores what changed.
    mutating func save() throws {
        guard changed else { return }
        let text = known.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.print) \(Self.text($0.value.covers))" }.joined(separator: "\n")
        try store.setMetaValue(SyncEngine.GarbageMarks.verifiedSnapshots, text.isEmpty ? nil : text)
        changed = false
    }

    /// `<hex>:<seq>,…` (`-` for the empty vector).
    static func text(_ v: VersionVector) -> String {
        v.entries.isEmpty ? "-" : v.sorted.map { "\($0.device.hex):\($0.seq)" }.joined(separator: ",")
    }

    static func vector(_ s: Substring) -> VersionVector? {
        if s == "-" { return VersionVector() }
        var v = VersionVector()
        for item in s.split(separator: ",") {
            let pair = item.split(separator: ":")
            guard pair.count == 2, let d = DeviceID(hex: String(pair[0])), let seq = UInt64(pair[1]) else { return nil }
            v[d] = seq
        }
        return v
    }
}
