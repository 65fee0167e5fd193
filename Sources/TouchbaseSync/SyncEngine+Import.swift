import Foundation
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore

extension SyncEngine {
    /// Imports what other devices published, streaming: files are read on demand — the next file
    /// of a device once its Changes so far went through the gates, or the file a waiting Change
    /// needs — so memory holds about one file per device plus one batch, however long the backlog.
    /// Changes whose gates are open are applied in batches of ``batchSize``, each batch one
    /// transaction.
    func importChanges(_ scan: FolderScan, me: DeviceID, into report: inout SyncReport) throws {
        var version = try store.version()
        var queues: [DeviceID: ArraySlice<ChangeFileEntry>] = [:]
        for entry in scan.changeFiles where entry.device != me && entry.last > version[entry.device] {
            queues[entry.device, default: []].append(entry)
        }
        let total = queues.values.reduce(0) { $0 + $1.count }
        var done = 0
        var waiting: [Change] = []
        var ready: [Change] = []
        var seen = Set<DeviceID>()

        /// Reads the next file of `device`; false when it has none left.
        func load(_ device: DeviceID) -> Bool {
            guard let entry = queues[device]?.popFirst() else { return false }
            progress?(done, total)
            done += 1
            do {
                let changes = try folder.readChanges(entry)
                seen.insert(device)
                waiting += changes.filter { !version.contains($0.dot) }
            } catch let e as ExchangeError where e.code == .newerMajorVersion {
                report.newerFormat.append(entry.relativePath)
            } catch let e as ExchangeError where e.isRejectedSignature {
                report.rejected.append(RejectedFile(path: entry.relativePath, device: device, code: e.code, reason: e.detail))
            } catch let e as ExchangeError where e.code == .signerUnknown {
                report.waitingForCard.append(entry.relativePath)
            } catch let e as ExchangeError where e.code == .unsigned {
                report.unsigned.append(entry.relativePath)
            } catch let e as ExchangeError where e.isStillArrivingOrDamaged {
                report.damaged.append((entry.relativePath, e.errorDescription ?? e.code.rawValue))
            } catch {
                report.damaged.append((entry.relativePath, "\(error)"))
            }
            return true
        }
        func flush() throws {
            guard !ready.isEmpty else { return }
            let result = try store.apply(ready)
            for dot in result.applied { report.imported[dot.device, default: 0] += 1 }
            report.duplicates += result.duplicates
            ready = []
        }

        for device in queues.keys.sorted() { _ = load(device) }
        while true {
            let outcome = CausalScheduler.run(waiting, version: &version) { ready.append($0) }
            report.duplicates += outcome.duplicates
            waiting = outcome.waiting
            if ready.count >= batchSize { try flush() }
            // Devices with nothing waiting read on; otherwise read what the waiting Changes need.
            let idle = queues.keys.sorted().filter { d in !waiting.contains { $0.device == d } }
            var loaded = false
            for d in idle where load(d) { loaded = true }
            if !loaded {
                let needed = Set(waiting.flatMap { $0.missing(given: version).map(\.device) })
                for d in needed.sorted() where load(d) { loaded = true }
            }
            if !loaded {
                // Whatever still waits needs a Change whose file is not here (yet) or is damaged.
                for d in queues.keys.sorted() where load(d) { loaded = true }
                if !loaded { break }
            }
        }
        try flush()
        if total > 0 { progress?(total, total) }
        for c in waiting { report.waiting[c.dot] = c.missing(given: version) }
        try store.noteDevices(seen.map { DeviceNote(id: $0, seenAt: store.environment.now()) })
    }
}
