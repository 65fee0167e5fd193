import Foundation
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore

extension SyncEngine {
    /// Housekeeping of this device's own files (Protocol/SPEC.md §3.3, §11.2): removes its relays
    /// whose range verified files of the author hold again, with the same Changes, and its own
    /// temporary files (relays' included) that a crash left behind more than an hour ago.
    ///
    /// - Returns: the number of relays removed, and whether every relay kept was kept because the
    ///   author's files do not hold its range by name (then the same listing keeps it again).
    @discardableResult
    func keepHouse(_ scan: FolderScan, me: DeviceID) throws -> (removed: Int, settled: Bool) {
        var removed = 0
        var settled = true
        let mine = scan.relayFiles.filter { $0.relayer == me }
        if !mine.isEmpty {
            let authors = Dictionary(grouping: scan.changeFiles.filter { $0.relayer == nil }, by: \.device)
            for relay in mine {
                guard let files = authors[relay.device] else { continue }
                guard try authorHolds(relay, files: files) else {
                    // Kept after reading: another history's content, or a file that did not read.
                    if SyncEngine.covers(files.map(\.range), relay.range) { settled = false }
                    continue
                }
                try folder.removeOwnRelay(relay, owner: me)
                removed += 1
            }
        }
        // Only temporaries the scan listed can be stale (one written since is new).
        if scan.listsTemporaries(of: me) {
            _ = try? folder.removeStaleTemporaries(of: me, now: Int(Date().timeIntervalSince1970))
        }
        return (removed, settled)
    }

    /// Whether verified files of the author hold every Change of `relay`, each with the content
    /// the relay holds (a file of another history is no cover: the relay stays).
    private func authorHolds(_ relay: ChangeFileEntry, files: [ChangeFileEntry]) throws -> Bool {
        let candidates = files.filter { $0.first <= relay.last && $0.last >= relay.first }
        guard SyncEngine.covers(candidates.map(\.range), relay.range),
              let relayed = try? folder.readChanges(relay) else { return false }
        var wanted: [UInt64: [UInt8]] = [:]
        for c in relayed { wanted[c.seq] = ChangeCodec.encode([c]) }
        for file in candidates.sorted() where !wanted.isEmpty {
            guard let changes = try? folder.readChanges(file) else { continue }
            for c in changes where wanted[c.seq] != nil {
                guard wanted[c.seq] == ChangeCodec.encode([c]) else { return false }
                wanted[c.seq] = nil
            }
        }
        return wanted.isEmpty
    }
}
