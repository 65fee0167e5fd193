import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore

/// Which of other devices' Changes the folder holds, as a relayer judges it before relaying
/// (Protocol/SPEC.md §11.2):
///
/// - an author's own file holds its range by its name alone, unless an ack in the folder shows a
///   device that lacks one of its Changes: then only if it verifies;
/// - a relay holds its range only if it verifies (a member can plant a relay under any name).
///
/// A file that verified is remembered with its fingerprint (``FileFingerprint``), so each is read
/// at most once while it stays the same.
struct FolderCover {
    private let engine: SyncEngine
    private var files: [DeviceID: [ChangeFileEntry]] = [:]
    /// The same files by device and exact range: most ranges asked about are one file's.
    private var exact: [DeviceID: [ClosedRange<UInt64>: [ChangeFileEntry]]] = [:]
    /// For each device, the lowest sequence number any other device's ack says it has applied.
    private var lowestAck: [DeviceID: UInt64] = [:]
    private var verified: [String: FileFingerprint]
    private var verifiedBefore: [String: FileFingerprint]
    private var decided: [ChangeFileEntry: Bool] = [:]
    /// The fingerprints the scan listed, before anything was read.
    private let prints: [ChangeFileEntry: FileFingerprint]

    static let mark = "verifiedCovers"

    init(scan: FolderScan, me: DeviceID, engine: SyncEngine) throws {
        self.engine = engine
        prints = scan.prints
        for e in scan.changeFiles + scan.relayFiles where e.device != me {
            files[e.device, default: []].append(e)
            exact[e.device, default: [:]][e.range, default: []].append(e)
        }
        for info in try engine.store.devices() where info.id != me {
            guard let acked = info.acknowledged else { continue }
            for device in files.keys where device != info.id {
                lowestAck[device] = min(lowestAck[device] ?? .max, acked[device])
            }
        }
        verified = [:]
        verifiedBefore = FileFingerprint.table(try engine.store.metaValue(Self.mark) ?? "")
    }

    /// Whether files that count hold every Change of `range` of `device`.
    mutating func holds(_ device: DeviceID, _ range: ClosedRange<UInt64>) -> Bool {
        // A file of exactly this range that counts holds it whole (without looking at the others).
        for e in exact[device]?[range] ?? [] where counts(e) { return true }
        let candidates = (files[device] ?? []).filter { $0.range.overlaps(range) }
        let ranges = candidates.filter { counts($0) }.map(\.range)
        return SyncEngine.covers(ranges, range)
    }

    /// A relay this device just wrote: it holds its range.
    mutating func add(_ entry: ChangeFileEntry) {
        files[entry.device, default: []].append(entry)
        exact[entry.device, default: [:]][entry.range, default: []].append(entry)
        decided[entry] = true
        if let print = try? engine.folder.fingerprint(entry) { verified[entry.relativePath] = print }
    }

    /// Remembers the files that verified (only those still in the folder).
    func save() throws {
        var keep = verified
        for (path, print) in verifiedBefore where keep[path] == nil && decidedPaths.contains(path) == false && listed.contains(path) {
            keep[path] = print
        }
        let text = FileFingerprint.text(keep)
        guard keep != verifiedBefore else { return }
        try engine.store.setMetaValue(Self.mark, text.isEmpty ? nil : text)
    }

    private var listed: Set<String> { Set(files.values.joined().map(\.relativePath)) }
    private var decidedPaths: Set<String> { Set(decided.keys.map(\.relativePath)) }

    private mutating func counts(_ entry: ChangeFileEntry) -> Bool {
        if let known = decided[entry] { return known }
        let mustVerify = entry.relayer != nil || entry.last > (lowestAck[entry.device] ?? .max)
        var ok = true
        if mustVerify {
            ok = false
            if let print = prints[entry] ?? (try? engine.folder.fingerprint(entry)) {
                if let note = verifiedBefore[entry.relativePath], note.vouches(for: print) {
                    verified[entry.relativePath] = note
                    ok = true
                } else if (try? engine.folder.readChanges(entry)) != nil {
                    verified[entry.relativePath] = print
                    ok = true
                }
            }
        }
        decided[entry] = ok
        return ok
    }
}
