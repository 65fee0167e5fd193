import TouchbaseCore
import TouchbaseStore

/// The forks this database has seen, one per device id: the earliest evidence (Protocol/SPEC.md
/// §3.6). Kept in the database, since the file that showed a fork may be gone from the folder
/// later while what depends on it still must not be applied.
struct ForkNotes: Equatable {
    private(set) var forks: [DeviceID: ForkEvidence] = [:]
    /// The devices whose evidence was met (noted, news or not) since these notes were loaded.
    private(set) var met: Set<DeviceID> = []

    /// Equal when they hold the same evidence (what was met is not part of the notes).
    static func == (a: ForkNotes, b: ForkNotes) -> Bool { a.forks == b.forks }

    /// The `meta` key that holds the notes.
    static let metaKey = "forks"

    subscript(device: DeviceID) -> ForkEvidence? { forks[device] }

    /// Whether any fork is known.
    var isEmpty: Bool { forks.isEmpty }

    /// Records evidence; returns true when it is news (a new device, or an earlier sequence number).
    @discardableResult
    mutating func note(_ e: ForkEvidence) -> Bool {
        met.insert(e.device)
        if let known = forks[e.device], known.seq <= e.seq { return false }
        forks[e.device] = e
        return true
    }

    /// Forgets the fork of `device` (it healed).
    mutating func remove(_ device: DeviceID) { forks[device] = nil }

    /// Forgets the evidence of the ids a heal names (`healedFrom`: from which sequence number
    /// healing may read each one's Changes elsewhere) that was not met again since loading, and that
    /// the import meets again while it stands (Protocol/SPEC.md §3.6, "Evidence of a healed id"):
    /// link evidence (a chain break, a dependency on another history), and content evidence from
    /// that sequence number on. Healing reads a Change elsewhere once the Change its link names is
    /// read, which may come after the Change itself: what it showed before may not stand. Evidence
    /// that stands is met again, since the Change that shows it is never applied and its file is
    /// read at every sync. What the files before the first fork point showed (compared once per
    /// file version, like any device's) is kept.
    mutating func forgetUnmetEvidence(healedFrom: [DeviceID: UInt64]) {
        for (device, e) in forks where !met.contains(device) {
            guard let from = healedFrom[device], e.kind != .contentDiffers || e.seq >= from else { continue }
            forks[device] = nil
        }
    }

    /// Every fork, by device.
    var all: [ForkEvidence] { forks.values.sorted { $0.device < $1.device } }

    /// Reads the notes; a line that does not parse is dropped.
    static func load(from store: Store) throws -> ForkNotes {
        var out = ForkNotes()
        for line in (try store.metaValue(metaKey) ?? "").split(separator: "\n") {
            let f = line.split(separator: " ", omittingEmptySubsequences: false)
            guard f.count == 6, let d = DeviceID(hex: String(f[0])), let seq = UInt64(f[1]),
                  let kind = ForkEvidence.Kind(rawValue: String(f[2])), !f[3].isEmpty else { continue }
            var dependent: Dot?
            if let dd = DeviceID(hex: String(f[4])), let ds = UInt64(f[5]) { dependent = Dot(device: dd, seq: ds) }
            out.forks[d] = ForkEvidence(device: d, seq: seq, kind: kind, file: String(f[3]), dependent: dependent)
        }
        return out
    }

    /// Writes the notes (one line per device; file names never hold spaces or newlines).
    func save(to store: Store) throws {
        let lines = all.filter { !$0.file.contains(" ") && !$0.file.contains("\n") }.map {
            "\($0.device.hex) \($0.seq) \($0.kind.rawValue) \($0.file) \($0.dependent?.device.hex ?? "-") \($0.dependent.map { String($0.seq) } ?? "-")"
        }
        try store.setMetaValue(Self.metaKey, lines.isEmpty ? nil : lines.joined(separator: "\n"))
    }
}
