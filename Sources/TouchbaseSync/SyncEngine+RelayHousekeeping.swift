import Foundation
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore

extension SyncEngine {
    /// Housekeeping of this device's own files (Protocol/SPEC.md §3.3, §11.2): removes its relays
    /// whose range verified files of the author hold again, with the same Changes, and its own
    /// temporary files (relays' included) that a crash left behind more than an hour ago.
    ///
    /// - Returns: the number of relays removed.
    @discardableResult
    func keepHouse(_ scan: FolderScan, me: DeviceID) throws -> Int {
        var removed = 0
        let mine = scan.relayFiles.filter { $0.relayer == me }
        if !mine.isEmpty {
            let authors = Dictionary(grouping: scan.changeFiles.filter { $0.relayer == nil }, by: \.device)
            for relay in mine {
                guard let files = authors[relay.device], try authorHolds(relay, files: files) else { continue }
                try folder.removeOwnRelay(relay, owner: me)
                removed += 1
            }
        }
        _ = try? folder.removeStaleTemporaries(of: me, now: Int(Date().timeIntervalSince1970))
        return removed
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
